//! Results stated with last year's figures: a sentence whose counts and rates are those of a
//! sentence of last year's report about the same thing.

use crate::numbers::{self, Kind, Quantity, Vocabulary};
use crate::source::Span;
use foldhash::{HashMap, HashMapExt};

/// A count, amount or rate that tells one year from another.
#[derive(Debug, Clone)]
pub struct Figure {
    /// As written (36件, 98.5%).
    pub text: String,
    value: i64,
    unit: String,
    /// Written too precisely to be a round estimate (36件, 98.5%; not 30件, 95%).
    precise: bool,
    /// Bigrams of the Han characters of the figure's clause, the figure left out: what it
    /// counts (办理行政复议案件).
    context: Vec<[char; 2]>,
}

/// A sentence and the figures it states.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    pub figures: Vec<Figure>,
}

/// A sentence of this year's results whose figures are last year's.
#[derive(Debug, Clone)]
pub struct Repeat {
    pub sentence: Span,
    /// The sentence of last year's report.
    pub previous: Span,
    /// The figures both state, as written this year.
    pub figures: Vec<String>,
}

/// Share of the bigrams of two figures' clauses that they share (Dice) for the two to count
/// the same thing: 「共办理行政复议案件36件」 and 「办理行政复议案件36件」 do, 「开展培训36场」
/// and 「发放资料36份」 do not.
const SAME_THING: f64 = 0.5;

/// The sentences of `paragraphs` that state at least one figure.
pub fn sentences(text: &str, paragraphs: &[Span], vocabulary: &Vocabulary) -> Vec<Sentence> {
    let mut out = Vec::new();
    for &paragraph in paragraphs {
        for sentence in numbers::sentences(text, paragraph) {
            let quantities = numbers::extract_in(text, sentence, vocabulary);
            let clauses = numbers::clauses(text, sentence);
            let figures: Vec<Figure> = quantities
                .iter()
                .filter(|q| tells_years_apart(q))
                .filter_map(|q| {
                    let clause = clauses
                        .iter()
                        .find(|c| c.start <= q.span.start && q.span.end <= c.end)?;
                    Some(figure(text, q, *clause))
                })
                .collect();
            if !figures.is_empty() {
                out.push(Sentence {
                    span: sentence,
                    figures,
                });
            }
        }
    }
    out
}

/// Whether a quantity is a result that would differ from year to year: a count, amount or rate
/// of at least ten (or with decimals), not a duration, a date or a rate of 100 % (出庭应诉率
/// 100% is true of many years).
fn tells_years_apart(q: &Quantity) -> bool {
    let integer = q.value.fract() == 0.0;
    q.is_statistic()
        && q.upper.is_none()
        && matches!(q.kind, Kind::Count | Kind::Percent | Kind::Points)
        && !(q.kind == Kind::Percent && q.value >= 100.0)
        && (q.value >= 10.0 || !integer)
}

fn figure(text: &str, q: &Quantity, clause: Span) -> Figure {
    let han: Vec<char> = text[clause.start..q.span.start]
        .chars()
        .chain(text[q.span.end..clause.end].chars())
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .collect();
    let mut context: Vec<[char; 2]> = han.windows(2).map(|w| [w[0], w[1]]).collect();
    context.sort_unstable();
    context.dedup();
    let unit = match q.kind {
        Kind::Percent => "%".to_string(),
        Kind::Points => "个百分点".to_string(),
        _ => q.unit.clone().unwrap_or_default(),
    };
    Figure {
        text: text[q.span.range()].trim().to_string(),
        value: (q.value * 1000.0).round() as i64,
        unit,
        precise: q.looks_precise(),
        context,
    }
}

fn same_thing(a: &Figure, b: &Figure) -> bool {
    if a.context.is_empty() || b.context.is_empty() {
        return false;
    }
    let shared = a
        .context
        .iter()
        .filter(|g| b.context.binary_search(g).is_ok())
        .count();
    2.0 * shared as f64 / (a.context.len() + b.context.len()) as f64 >= SAME_THING
}

/// This year's sentences that state last year's figures about the same things: two such
/// figures, or one written too precisely to be a coincidence of round numbers (36件, 98.5%).
/// Last year's figures are indexed by value and unit once; each of this year's figures is
/// compared only with last year's of the same value.
pub fn repeats(this: &[Sentence], last: &[Sentence]) -> Vec<Repeat> {
    let mut index: HashMap<(i64, &str), Vec<(usize, usize)>> = HashMap::new();
    for (s, sentence) in last.iter().enumerate() {
        for (f, figure) in sentence.figures.iter().enumerate() {
            index
                .entry((figure.value, figure.unit.as_str()))
                .or_default()
                .push((s, f));
        }
    }
    let mut found = Vec::new();
    for sentence in this {
        // Per sentence of last year's: this year's figures matched in it, and whether one of
        // them is precise.
        let mut matched: HashMap<usize, (Vec<usize>, bool)> = HashMap::new();
        for (f, figure) in sentence.figures.iter().enumerate() {
            let Some(candidates) = index.get(&(figure.value, figure.unit.as_str())) else {
                continue;
            };
            for &(s, g) in candidates {
                if same_thing(figure, &last[s].figures[g]) {
                    let entry = matched.entry(s).or_default();
                    if !entry.0.contains(&f) {
                        entry.0.push(f);
                        entry.1 |= figure.precise;
                    }
                }
            }
        }
        let best = matched
            .into_iter()
            .filter(|(_, (figures, precise))| figures.len() >= 2 || *precise)
            .max_by_key(|(s, (figures, _))| (figures.len(), std::cmp::Reverse(*s)));
        if let Some((s, (mut figures, _))) = best {
            figures.sort_unstable();
            found.push(Repeat {
                sentence: sentence.span,
                previous: last[s].span,
                figures: figures
                    .into_iter()
                    .map(|f| sentence.figures[f].text.clone())
                    .collect(),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences_of(text: &str) -> Vec<Sentence> {
        sentences(text, &[Span::new(0, text.len())], Vocabulary::builtin())
    }

    fn repeated(this: &str, last: &str) -> Vec<Vec<String>> {
        repeats(&sentences_of(this), &sentences_of(last))
            .into_iter()
            .map(|r| r.figures)
            .collect()
    }

    #[test]
    fn the_same_counts_of_the_same_things_are_found() {
        let last = "2022年，全县共办理行政复议案件36件，行政诉讼案件应诉52件。";
        let this = "2023年，全县办理行政复议案件36件，行政诉讼案件应诉52件。";
        assert_eq!(repeated(this, last), vec![vec!["36件", "52件"]]);
    }

    #[test]
    fn one_precise_figure_is_enough_a_round_one_is_not() {
        let last = "全年调解矛盾纠纷1180件，调解成功率98.6%。";
        assert_eq!(repeated("全年调解成功率98.6%。", last), vec![vec!["98.6%"]]);
        let last = "全年开展法治宣传活动30场。";
        assert!(repeated("全年开展法治宣传活动30场。", last).is_empty());
    }

    #[test]
    fn the_same_number_of_another_thing_or_a_full_rate_is_not() {
        let last = "发放宣传资料36份，培训执法人员52人次。";
        let this = "办理行政复议案件36件，新建调解室52个。";
        assert!(repeated(this, last).is_empty());
        let last = "行政机关负责人出庭应诉率100%，规范性文件备案率100%。";
        assert!(repeated(last, last).is_empty());
    }
}
