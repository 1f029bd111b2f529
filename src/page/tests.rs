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

/// `(kind, debris text)` of each piece of debris inside the lines of `text`.
fn inline_of(text: &str) -> Vec<(crate::page::InlineKind, String)> {
    let pack = packs::builtin_named(packs::DEFAULT_PACK).unwrap();
    let doc = crate::parse::parse_page(text, &[], &pack);
    doc.inline_debris
        .iter()
        .map(|d| (d.kind, text[d.span.range()].to_string()))
        .collect()
}

#[test]
fn pinyin_glosses_of_a_converter_are_debris_inside_the_line() {
    use crate::page::InlineKind::PinyinGloss;
    let text = "某区2023年法治政府建设情况报告\n一、统(tǒng)筹推进法治建设(shè)\n全年办理案件(jiàn)12件。\n";
    let found = inline_of(text);
    assert_eq!(
        found,
        vec![
            (PinyinGloss, "(tǒng)".to_string()),
            (PinyinGloss, "(shè)".to_string()),
            (PinyinGloss, "(jiàn)".to_string()),
        ]
    );
    // Letters without a tone mark in parentheses are not a gloss (an abbreviation, a unit).
    assert!(inline_of("某区报告\n全年开展培训(ppt)12场,平台(app)上线。\n").is_empty());
}

#[test]
fn question_marks_for_an_indent_and_mojibake_for_a_full_stop_are_debris() {
    use crate::page::InlineKind::{LostIndent, Mojibake};
    let text =
        "某区报告\n??一、主要举措和成效\n??全年审查文件20件,取得成效?,F将有关情况报告如下。\n";
    let found = inline_of(text);
    assert_eq!(found[0], (LostIndent, "??".to_string()));
    assert_eq!(found[1], (LostIndent, "??".to_string()));
    assert_eq!(found[2], (Mojibake, "?,F".to_string()));
    // A question a report asks is not mojibake.
    assert!(inline_of("某区报告\n群众最关心什么?我们逐一回应。\n").is_empty());
}

#[test]
fn a_sites_mark_appended_to_lines_is_debris_and_its_name_is_learned() {
    use crate::page::InlineKind::Watermark;
    let text = "某局2022年法治政府建设情况报告\n范本站 www.fanben-example.com\n一、主要举措和成效 范本站 www.fanben-example.com\n(一)坚持党的领导 范本站,公文资料之家\n全年审查文件20件。\n";
    let (blocks, _) = blocks_of(text);
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    assert_eq!(blocks[0].0, "转载网站的水印");
    let found = inline_of(text);
    assert_eq!(
        found,
        vec![
            (Watermark, " 范本站 www.fanben-example.com".to_string()),
            (Watermark, " 范本站,公文资料之家".to_string()),
        ]
    );
    // An indented line carries the mark as well.
    let indented =
        "某局报告\n范本站 www.fanben-example.com\n　　全年审查文件20件。 范本站,公文资料之家\n";
    assert_eq!(
        inline_of(indented),
        vec![(Watermark, " 范本站,公文资料之家".to_string())]
    );
    // A government portal named in the report is report text.
    let portal = "某局报告\n一、政务公开\n全部文件在区政府网站 www.example.gov.cn\n";
    assert!(inline_of(portal).is_empty());
}

#[test]
fn commas_a_converter_inserts_are_debris_only_when_there_are_many() {
    use crate::page::InlineKind::InsertedComma;
    let many = "某区报告\n一,、主要举措\n(一)学习,把握要义,。坚持学习,,形成制度。\n";
    let found = inline_of(many);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found
            .iter()
            .all(|(k, t)| *k == InlineKind::InsertedComma && t == ",")
    );
    let _ = InsertedComma;
    // One slip is for the punctuation rules.
    assert!(inline_of("某区报告\n全年审查文件20件,。\n").is_empty());
}

#[test]
fn an_elision_marker_is_reported_without_deleting_the_loss() {
    let found = inline_of("某区报告\n全年审查文件20件 (略) 形成制度。\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, InlineKind::Elision);
    assert!(!found[0].0.deletable());
}

use crate::page::InlineKind;

#[test]
fn the_sites_copy_of_the_title_right_above_the_report_is_debris() {
    // Worded a little differently, the body's name on one line or two.
    let text = "某街道关于2024年度法治政府建设情况的报告\n\n某街道\n关于2024年法治政府建设情况的报告\n2024年,街道坚持依法行政,取得明显成效。\n一、主要举措和成效\n";
    let (blocks, title) = blocks_of(text);
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    assert_eq!(blocks[0].1, "某街道关于2024年度法治政府建设情况的报告");
    assert_eq!(
        title.as_deref(),
        Some("某街道关于2024年法治政府建设情况的报告")
    );
    // The same title with its digits masked by an aggregator.
    let masked = "某街道2025年法治政府建设年度报告\n某街道****年法治政府建设年度报告\n****年,街道坚持依法行政,取得明显成效。\n";
    let (blocks, _) = blocks_of(masked);
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    assert_eq!(blocks[0].1, "某街道2025年法治政府建设年度报告");
}

#[test]
fn a_title_repeated_across_its_doc_number_stays_the_title() {
    let text = "某街道关于2019年度法治政府建设情况的报告\n某街〔2020〕2号\n某街道关于2019年度\n法治政府建设情况的报告\n某办公室:\n正文。\n";
    let (blocks, title) = blocks_of(text);
    assert!(blocks.is_empty(), "{blocks:?}");
    assert_eq!(
        title.as_deref(),
        Some("某街道关于2019年度法治政府建设情况的报告")
    );
}

#[test]
fn a_line_pasted_twice_in_a_row_is_debris_once() {
    let text = "某县人民政府\n关于2025年度法治政府建设情况的报告\n关于2025年度法治政府建设情况的报告\n2025年,全县坚持依法行政,取得明显成效。\n一、强化党的领导\n一、强化党的领导\n全年审查文件20件。\n";
    let (blocks, title) = blocks_of(text);
    assert_eq!(
        title.as_deref(),
        Some("某县人民政府关于2025年度法治政府建设情况的报告")
    );
    let names: Vec<_> = blocks
        .iter()
        .map(|b| (b.0.as_str(), b.1.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("重复粘贴的一行", "关于2025年度法治政府建设情况的报告"),
            ("重复粘贴的一行", "一、强化党的领导"),
        ]
    );
}

#[test]
fn a_browser_title_bar_is_debris_and_a_blank_to_fill_is_not() {
    let text = "关于2023年度法治政府建设情况的报告_政府文件_某区人民政府网\n某区人民政府关于2023年度法治政府建设情况的报告\n正文。\n";
    let (blocks, _) = blocks_of(text);
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    assert_eq!(blocks[0].0, "网页标题栏");
    let form = "某区报告\n填报单位：____ 填报人：____\n正文。\n";
    assert!(blocks_of(form).0.is_empty());
}

#[test]
fn an_empty_banner_and_empty_metadata_keys_belong_to_the_header() {
    // A banner whose date a script was to fill in, a key with its value left empty, a key with
    // two names: all above the title.
    let text = "今天是:\n\n无障碍 简体| 繁体\n发布单位:\n- 备注/文号: 某委〔2025〕5号\n某镇2024年度法治政府建设情况报告\n2024年，我镇坚持依法行政，全面推进法治政府建设，取得了新的进展。\n一、主要举措和成效\n";
    let (found, title) = blocks_of(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with("今天是:"), "{found:?}");
    assert!(found[0].1.ends_with("5号"), "{found:?}");
    assert_eq!(title.as_deref(), Some("某镇2024年度法治政府建设情况报告"));

    // An addressee stays.
    let addressed = "某镇2024年度法治政府建设情况报告\n县人民政府：\n2024年，我镇坚持依法行政，全面推进法治政府建设，取得了新的进展。\n一、主要举措和成效\n";
    assert!(blocks_of(addressed).0.is_empty());
}

#[test]
fn a_repost_lead_in_above_the_title_is_not_an_addressee() {
    let text = "3月27日，某部发布2024年法治政府建设情况的报告。\n详情如下:\n某部2024年法治政府建设情况的报告\n2024年，某部坚持依法行政，全面推进法治政府建设，取得了新的进展。\n一、主要举措和成效\n";
    let (found, title) = blocks_of(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.ends_with("详情如下:"), "{found:?}");
    assert_eq!(title.as_deref(), Some("某部2024年法治政府建设情况的报告"));
}

#[test]
fn a_link_and_a_web_date_between_title_and_text_are_debris_but_not_in_the_text() {
    let text = "某市人民政府关于2022年度法治政府建设情况的报告\n一图读懂:https://www.example.gov.cn/post_1.html\n2022年，某市坚持依法行政，全面推进法治政府建设，取得了新的进展。\n一、主要举措和成效\n详见网站：https://www.example.gov.cn/a.html\n全年办理行政复议案件12件，均依法审结。\n";
    let (found, _) = blocks_of(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "网页链接");
    assert!(found[0].1.starts_with("一图读懂"), "{found:?}");

    let dated = "某区教育局2022年法治政府建设年度报告\n2023-01-03\n某区教育局\n\n2022年，某区教育局全面推进法治政府建设，取得了新的进展。\n一、主要举措和成效\n落款日期写作：\n2023-01-05\n";
    let (found, title) = blocks_of(dated);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "2023-01-03\n某区教育局", "{found:?}");
    assert_eq!(
        title.as_deref(),
        Some("某区教育局2022年法治政府建设年度报告")
    );
}

#[test]
fn a_paragraph_cut_off_above_itself_is_a_summary() {
    let text = "某市人民政府2022年法治政府建设年度报告\n2022年，在市委的正确领导下，市政府深入学习贯彻习近平法治思想，全面\n\n2022年，在市委的正确领导下，市政府深入学习贯彻习近平法治思想，全面推进依法行政。\n一、主要举措和成效\n";
    let (found, _) = blocks_of(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "网页摘要（下一段开头的节选）");
    assert!(found[0].1.ends_with("全面"), "{found:?}");

    // A heading its paragraph repeats as a lead stays.
    let led = "一、主要举措和成效\n加强组织领导\n加强组织领导，全面推进依法行政。\n";
    assert!(blocks_of(led).0.is_empty());

    // An address on its own line that the next line starts with summarises nothing.
    let address = "一、主要举措\nhttps://www.example.gov.cn/a?b=1,c:2。\nhttps://www.example.gov.cn/a?b=1,c:2法治政府完毕。\n";
    assert!(blocks_of(address).0.is_empty());
}

#[test]
fn a_document_sites_chunk_numbers_are_debris_and_the_chunks_are_text() {
    // Chunks of a few hundred characters cut wherever the count falls; the title runs on into
    // the first one.
    let sentence = "全面推进依法行政，深化行政执法体制改革，健全重大行政决策程序制度，";
    let first = format!(
        "1、某市2023年法治政府建设年度报告2023年，我市坚持依法行政，{}加大法治政府建",
        sentence.repeat(7)
    );
    let second = format!("2、设统筹推进力度。{}", sentence.repeat(3));
    let text = format!("{first}\n{second}\n");
    let found = inline_of(&text);
    assert_eq!(
        found,
        vec![
            (InlineKind::ChunkNumber, "1、".to_string()),
            (InlineKind::ChunkNumber, "2、".to_string())
        ]
    );
    let pack = packs::builtin_named(packs::DEFAULT_PACK).unwrap();
    let doc = crate::parse::parse_page(&text, &[], &pack);
    assert!(doc.sections.is_empty(), "the chunks are not headings");
    assert_eq!(
        doc.title.map(|t| t.text).as_deref(),
        Some("某市2023年法治政府建设年度报告")
    );

    // A report's numbered paragraphs end their sentences, however long.
    let items = format!(
        "某市2023年法治政府建设年度报告\n1、{}完成。\n2、{}完成。\n",
        sentence.repeat(8),
        sentence.repeat(8)
    );
    assert!(inline_of(&items).is_empty());
    // Short numbered lines are items, whatever their ends.
    let short = "某市2023年法治政府建设年度报告\n1、加强组织领导\n2、完善制度建设\n";
    assert!(inline_of(short).is_empty());
}
