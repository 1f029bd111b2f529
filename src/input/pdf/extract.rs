//! The glyphs a PDF draws, page by page, as positioned lines of text. The PDF is interpreted
//! as a viewer would (fonts, ToUnicode maps, predefined CJK CMaps, form XObjects), but nothing
//! is rendered: every glyph drawn becomes its Unicode text with its place on the page.

use super::layout::{PageLines, PositionedLine};
use hayro_interpret::font::GlyphRun;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, RenderContent, SoftMask, interpret_page,
};
use hayro_syntax::Pdf;
use kurbo::{Affine, BezPath, Point, Rect};

/// Glyphs read from a whole document at most: some twenty times a long report. Past it the
/// rest is not read, and the document is refused.
pub const MAX_GLYPHS: usize = 5_000_000;

/// What the pages of a PDF draw.
#[derive(Debug, Default)]
pub struct Drawn {
    pub pages: Vec<PageLines>,
    /// Glyphs drawn, and those whose text the font does not give (no ToUnicode entry, no
    /// glyph name) or gives as private-use or replacement characters.
    pub glyphs: usize,
    pub illegible: usize,
    /// Images drawn on pages that draw no text: what a scanned page is.
    pub image_pages: usize,
    /// The glyph limit was reached.
    pub truncated: bool,
}

/// One glyph: its text, where its baseline starts and ends, its size (all in points, the page's
/// top left corner at 0, y growing downward).
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x: f32,
    end: f32,
    baseline: f32,
    size: f32,
}

/// Interpret every page of `pdf`, collecting its lines.
pub fn draw(pdf: &Pdf) -> Drawn {
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings {
        // Annotations (comments, stamps, form fields) are not the report's text.
        render_content: RenderContent::PAGE,
        ..InterpreterSettings::default()
    };
    let mut drawn = Drawn::default();
    for page in pdf.pages().iter() {
        let (width, height) = page.render_dimensions();
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let mut context = Context::new(
            initial,
            Rect::new(0.0, 0.0, width as f64, height as f64),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        let mut collector = Collector {
            left: MAX_GLYPHS.saturating_sub(drawn.glyphs),
            ..Collector::default()
        };
        interpret_page(page, &mut context, &mut collector);
        drawn.glyphs += collector.glyphs.len() + collector.illegible;
        drawn.illegible += collector.illegible;
        if collector.glyphs.is_empty() && collector.images > 0 {
            drawn.image_pages += 1;
        }
        drawn.pages.push(PageLines {
            width,
            height,
            lines: lines_of(collector.glyphs),
        });
        if collector.left == 0 {
            drawn.truncated = true;
            break;
        }
    }
    drawn
}

/// A device that keeps the glyphs drawn and counts the images.
#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    illegible: usize,
    images: usize,
    /// Glyphs this page may still add.
    left: usize,
}

impl Device<'_> for Collector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'_>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {
        self.images += 1;
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        for glyph in run.glyphs() {
            if self.left == 0 {
                return;
            }
            self.left -= 1;
            let text = match glyph.as_unicode() {
                Some(hayro_cmap::BfString::Char(c)) => c.to_string(),
                Some(hayro_cmap::BfString::String(s)) => s,
                None => {
                    self.illegible += 1;
                    continue;
                }
            };
            if text.chars().any(is_illegible) {
                self.illegible += 1;
                continue;
            }
            let transform = props.transform * glyph.transform();
            let origin = transform * Point::ZERO;
            // A glyph's transform maps glyph space, where the text size is 1000 units, to the
            // page; advances are in the same units.
            let advance = match &**glyph {
                hayro_interpret::font::Glyph::Outline(outline) => outline.advance_width(),
                hayro_interpret::font::Glyph::Type3(type3) => type3.advance_width(),
            }
            .filter(|a| a.is_finite() && *a > 0.0)
            .unwrap_or(500.0);
            let end = transform * Point::new(advance as f64, 0.0);
            let up = transform * Point::new(0.0, 1000.0) - origin;
            let size = up.hypot() as f32;
            if !(origin.x.is_finite() && origin.y.is_finite() && size.is_finite() && size > 0.0) {
                continue;
            }
            self.glyphs.push(Glyph {
                text,
                x: origin.x as f32,
                end: end.x.max(origin.x) as f32,
                baseline: origin.y as f32,
                size,
            });
        }
    }
}

/// Characters that mean the font's text could not be recovered: replacement characters,
/// private-use code points (glyphs the font maps to nothing real) and control characters.
pub fn is_illegible(c: char) -> bool {
    matches!(c,
        '\u{FFFD}' | '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The glyphs of one page as lines: glyphs sharing a baseline (within a third of their size),
/// left to right, a space where a gap between two Latin letters or digits is wider than a
/// fifth of the size; lines top to bottom.
fn lines_of(mut glyphs: Vec<Glyph>) -> Vec<PositionedLine> {
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match rows.last_mut() {
            Some(row)
                if (glyph.baseline - row[0].baseline).abs()
                    <= 0.35 * glyph.size.max(row[0].size) =>
            {
                row.push(glyph)
            }
            _ => rows.push(vec![glyph]),
        }
    }
    rows.into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let size = row.iter().map(|g| g.size).fold(0.0, f32::max);
            let mut text = String::new();
            let mut previous_end: Option<f32> = None;
            for glyph in &row {
                // A glyph drawn twice at one place (fake bold) is one character.
                if let Some(end) = previous_end
                    && glyph.x < end - 0.5 * glyph.size
                    && text.ends_with(glyph.text.as_str())
                {
                    continue;
                }
                if let Some(end) = previous_end
                    && glyph.x - end > 0.2 * glyph.size
                    && !text.ends_with(char::is_whitespace)
                    && !glyph.text.starts_with(char::is_whitespace)
                    && text.chars().last().is_some_and(is_spaced)
                    && glyph.text.chars().next().is_some_and(is_spaced)
                {
                    text.push(' ');
                }
                text.push_str(&glyph.text);
                previous_end = Some(glyph.end);
            }
            let text = text.trim().to_string();
            if text.is_empty() {
                return None;
            }
            Some(PositionedLine {
                x0: row.first().map_or(0.0, |g| g.x),
                x1: row.iter().map(|g| g.end).fold(f32::MIN, f32::max),
                baseline: row[0].baseline,
                size,
                text,
            })
        })
        .collect()
}

/// Characters between which a visible gap is a space: Latin letters, digits and their
/// punctuation (Chinese text has no spaces, however it is spaced out).
fn is_spaced(c: char) -> bool {
    c.is_ascii_graphic() || (c.is_alphanumeric() && (c as u32) < 0x2E80)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f32, width: f32, baseline: f32) -> Glyph {
        Glyph {
            text: text.to_string(),
            x,
            end: x + width,
            baseline,
            size: 10.0,
        }
    }

    #[test]
    fn glyphs_become_lines_top_to_bottom_spaced_between_latin_words_only() {
        let glyphs = vec![
            // Second line, drawn first.
            glyph("年", 100.0, 10.0, 130.0),
            glyph("报", 110.0, 10.0, 130.0),
            // First line: Chinese spaced out, then two Latin words.
            glyph("第", 100.0, 10.0, 100.5),
            glyph("一", 115.0, 10.0, 100.0),
            glyph("A", 130.0, 6.0, 100.0),
            glyph("B", 136.0, 6.0, 100.0),
            glyph("C", 150.0, 6.0, 100.0),
        ];
        let lines = lines_of(glyphs);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["第一AB C", "年报"]);
        assert_eq!((lines[0].x0, lines[0].x1), (100.0, 156.0));
    }

    #[test]
    fn a_glyph_drawn_twice_for_bold_is_read_once() {
        let glyphs = vec![
            glyph("法", 100.0, 10.0, 100.0),
            glyph("法", 100.3, 10.0, 100.0),
            glyph("治", 110.0, 10.0, 100.0),
            glyph("治", 110.3, 10.0, 100.0),
        ];
        assert_eq!(lines_of(glyphs)[0].text, "法治");
        // The same character twice, side by side, is two.
        let glyphs = vec![
            glyph("人", 100.0, 10.0, 100.0),
            glyph("人", 110.0, 10.0, 100.0),
        ];
        assert_eq!(lines_of(glyphs)[0].text, "人人");
    }

    #[test]
    fn illegible_characters() {
        assert!(is_illegible('\u{FFFD}'));
        assert!(is_illegible('\u{E123}'));
        assert!(!is_illegible('法'));
        assert!(!is_illegible('，'));
    }
}
