use crate::config::packs;

/// `(name, flagged text, deleted text)` of each block, with the title the document gets.
fn blocks_of(text: &str) -> (Vec<(String, String, String)>, Option<String>) {
    let pack = packs::builtin_named(packs::DEFAULT_PACK).unwrap();
    let doc = crate::parse::parse_page(text, &[], &pack);
    let blocks = doc
        .debris
        .iter()
        .map(|b| {
            (
                b.name.clone(),
                text[b.span.range()].to_string(),
                text[b.delete.range()].to_string(),
            )
        })
        .collect();
    (blocks, doc.title.map(|t| t.text))
}

#[test]
fn finds_footers_breadcrumbs_and_metadata_tables_as_blocks() {
    let text = "当前位置: 首页>>报告公告>>正文\n某县关于2021年法治政府建设情况的报告\n一、工作情况\n正文。\n\n关闭窗口\n\n主办:某县人民政府\u{a0}\n\u{a0}联系电话:0876-1234567\nICP备案号:滇ICP备17009552号\n";
    let (found, _) = blocks_of(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "网页导航（面包屑）");
    assert_eq!(found[0].2, "当前位置: 首页>>报告公告>>正文\n");
    assert_eq!(
        found[1].1,
        "关闭窗口\n\n主办:某县人民政府\u{a0}\n\u{a0}联系电话:0876-1234567\nICP备案号:滇ICP备17009552号"
    );
    assert!(found[1].2.starts_with("\n关闭窗口"), "{:?}", found[1].2);
    assert!(found[1].2.ends_with("号\n"));

    let table = "索引号 | XE1000000-2020-001 | ||\n信息名称 | 某街道报告 | ||\n公开类别 | 主动公开 | 发布时间 | 2020-01-16 |\n某街道关于2019年度法治政府建设情况的报告\n正文。\n";
    let (found, title) = blocks_of(table);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "门户网站信息公开元数据表");
    assert!(found[0].2.ends_with("|\n"));
    assert_eq!(
        title.as_deref(),
        Some("某街道关于2019年度法治政府建设情况的报告")
    );
}

#[test]
fn a_contact_line_alone_is_not_debris() {
    let text = "一、工作情况\n正文。\n联系人：张明，联系电话：0876-1234567\n主办：县司法局\n";
    assert!(blocks_of(text).0.is_empty());
    let page = "正文第一页。\n— 3 —\n正文第二页。\n";
    assert_eq!(blocks_of(page).0[0].1, "— 3 —");
}

#[test]
fn everything_above_the_title_is_the_page_header() {
    // Site name, a date banner, a menu, the site's copy of the title over its metadata, then
    // the report.
    let text = "某某区人民政府 2020年5月6日星期三\n\n无障碍 简体| 繁体\n\n某某区2021年度法治政府建设情况报告\n来源:区政府办公室 发布时间:2022-03-28 09:18\n\n某某区2021年度法治政府建设情况报告\n\n2021年，我区坚持依法行政，全面推进法治政府建设，取得了新的进展。\n一、主要举措和成效\n";
    let (found, title) = blocks_of(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with("某某区人民政府 2020年5月6日星期三"));
    assert!(found[0].1.ends_with("09:18"));
    assert_eq!(title.as_deref(), Some("某某区2021年度法治政府建设情况报告"));
}

#[test]
fn a_title_over_its_metadata_is_kept_when_it_is_not_repeated() {
    let text = "某市教育局关于2022年法治政府建设工作情况的报告\n来源:某市教育局  时间:2023-02-16 17:34:30\n\n2022年，我局在市委、市政府的领导下，全面推进依法行政。\n一、主要举措和成效\n";
    let (found, title) = blocks_of(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "网页发布信息");
    assert_eq!(
        title.as_deref(),
        Some("某市教育局关于2022年法治政府建设工作情况的报告")
    );
}

#[test]
fn a_title_over_two_lines_with_a_blank_between() {
    let text = "某县人民政府2017年度法治政府建设情况报告\n\n文章来源: 发布时间:2017年12月13日 字号:【小】 【大】\n\n某县人民政府\n\n2017年度法治政府建设情况报告\n\n2017年，我县深入推进依法行政，各项工作取得新进展。\n一、主要举措和成效\n";
    let (found, title) = blocks_of(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        title.as_deref(),
        Some("某县人民政府2017年度法治政府建设情况报告")
    );
}

#[test]
fn a_news_repost_headline_and_lead_are_debris() {
    let text = "某部发布2023年法治政府建设年度报告\n\n发布时间:2024-11-27 21:34:52 来源: 某网\n\n   某网 3月29日电 据某部微信公众号消息，某部发布2023年法治政府建设年度报告。具体内容如下:\n\n  一、加强党对法治政府建设的领导\n\n（一）坚决贯彻落实党中央决策部署。认真贯彻落实。\n";
    let (found, title) = blocks_of(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with("某部发布"));
    assert!(found[0].1.ends_with("如下:"));
    assert_eq!(title, None);
}

#[test]
fn official_front_elements_above_the_title_stay() {
    let text = "000123\n机密★1年\n特急\n某县人民政府文件\n某政发〔2023〕5号\n签发人：张明\n某县人民政府关于2022年度法治政府建设情况的报告\n市人民政府：\n2022年，我县全面推进依法行政，取得新成效。\n一、主要举措和成效\n";
    let (found, title) = blocks_of(text);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(
        title.as_deref(),
        Some("某县人民政府关于2022年度法治政府建设情况的报告")
    );
}

#[test]
fn a_plain_draft_has_no_debris() {
    let text = "某县2023年法治政府建设情况报告\n\n2023年，我县坚持依法行政。\n\n一、主要举措和成效\n\n（一）加强组织领导。全年召开会议5次。\n\n二、存在的不足和原因\n\n某县人民政府\n2024年1月8日\n";
    assert!(blocks_of(text).0.is_empty());
}

#[test]
fn a_caption_next_to_chrome_joins_it_when_there_is_no_title() {
    // A site column name above a breadcrumb, with a report that has no title of its own.
    let text = "省部要闻\n首页 > 政务公开 > 正文\n\n一、加强党的领导，持续推进法治建设\n（一）贯彻落实党中央部署。认真抓好落实。\n";
    let (found, _) = blocks_of(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "省部要闻\n首页 > 政务公开 > 正文");
}
