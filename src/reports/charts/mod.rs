//! PNG charts for `/report`: bars and a sales funnel, rendered in-process into PNG bytes that
//! the bot sends as a photo.
//!
//! Everything is drawn here, on a plain RGB buffer: axis-aligned rectangles and anti-aliased
//! text. Glyphs come from DejaVu Sans (Latin, Cyrillic and more), embedded in the binary by the
//! `dejavu` crate and rasterised by `ab_glyph`; nothing looks up system fonts or reads a file, so
//! a chart renders the same on any machine. The PNG is encoded by the `png` crate.
//!
//! Why not `plotters` (0.3.7, bitmap backend, its `ab_glyph` fonts — it builds here with no
//! system libraries): its axes and segmented coordinates do not give these layouts (labels cut
//! with "…" to a measured column, values after the bars, the centred funnel), so the layout code
//! below would stay; only the small canvas would go, for a global font registry, glyphs placed
//! on whole pixels and the same empty box for a missing glyph.
//!
//! Charts take their labels ready-made: the caller formats numbers and money through the locales.
//! Every chart has a title (the report's name in plain words) and a subtitle (whose figures, over
//! which period), so a picture forwarded alone still says what it shows. A character the font
//! has no glyph for (an emoji in a stage's or a manager's name) is left out rather than drawn as
//! an empty box. Values are `f64` for drawing only; sums are kept in integers elsewhere.

mod canvas;

use canvas::{Align, Canvas, Fonts};

use super::step_conversions_bp;

/// Size of every chart, in pixels.
pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 500;

/// At most this many bars are drawn; the rest are summed up as "… +N" under the chart.
pub const MAX_BARS: usize = 20;

const MARGIN: i32 = 24;
const TITLE_SIZE: f32 = 22.0;
const SUBTITLE_SIZE: f32 = 15.0;
/// Vertical centre of the subtitle, under the title.
const SUBTITLE_Y: i32 = 62;
/// Top of the plot, below the title and subtitle.
const PLOT_TOP: i32 = 88;

pub(super) type Rgb = [u8; 3];
pub(super) const BACKGROUND: Rgb = [255, 255, 255];
const INK: Rgb = [33, 37, 41];
const MUTED: Rgb = [108, 117, 125];
const AXIS: Rgb = [206, 212, 218];
const BAR: Rgb = [78, 121, 167];
/// The funnel's bars fade from `BAR` at the top to this at the bottom.
const BAR_LIGHT: Rgb = [118, 183, 178];

/// A bar chart: one horizontal bar per `(label, value)`, top to bottom in the given order, the
/// label on the left and `value_label(value)` after the bar. Bars are scaled to the largest value;
/// zero, negative and non-finite values draw no bar (their value label still shows). Used for the
/// funnel as counts per stage (conversions in the labels), amounts per manager and the forecast
/// by month. No bars: the titles over a dash.
pub fn bar_chart(
    title: &str,
    subtitle: &str,
    bars: &[(String, f64)],
    value_label: impl Fn(f64) -> String,
) -> anyhow::Result<Vec<u8>> {
    let Plot {
        fonts,
        mut canvas,
        rows,
        items: bars,
        label_right,
    } = match Plot::start(title, subtitle, bars)? {
        Ok(plot) => plot,
        Err(empty) => return Ok(empty),
    };
    let size = rows.font_size;
    let bar_left = label_right + 10;
    let right = WIDTH as i32 - MARGIN;

    let values: Vec<String> = bars
        .iter()
        .map(|&(_, value)| fonts.drawable(&value_label(value)))
        .collect();
    let max_value_width = (WIDTH as f32 * 0.3) as i32;
    let value_width = values
        .iter()
        .map(|v| fonts.regular.width(size, v).ceil() as i32)
        .max()
        .unwrap_or(0)
        .min(max_value_width);
    let room = (right - bar_left - value_width - 8).max(1);
    let max = bars
        .iter()
        .map(|&(_, value)| drawable(value))
        .fold(0.0, f64::max);

    for (i, ((label, value), value_text)) in bars.iter().zip(&values).enumerate() {
        let center = rows.center(i);
        draw_label(&mut canvas, &fonts, size, label, label_right, center);
        let length = bar_length(drawable(*value), max, room);
        let half = rows.bar_height / 2;
        canvas.fill(
            bar_left,
            center - half,
            bar_left + length,
            center - half + rows.bar_height,
            BAR,
        );
        let text = fonts.regular.fit(size, value_text, value_width as f32);
        canvas.text(
            fonts.regular.pen(size, INK),
            &text,
            bar_left + length + 6,
            center,
            Align::Left,
        );
    }
    canvas.fill(bar_left - 1, rows.top, bar_left, rows.bottom, AXIS);
    rows.draw_more(&mut canvas, &fonts);
    canvas.png()
}

/// A sales funnel: one centred bar per stage, its width proportional to the stage's count, the
/// stage's name on the left, the count on (or beside) the bar and the conversion from the
/// previous stage on the right ("→ 25%"). Stages top to bottom in the given order, which should
/// be the pipeline's. No stages: the titles over a dash.
pub fn funnel_chart(
    title: &str,
    subtitle: &str,
    stages: &[(String, u64)],
) -> anyhow::Result<Vec<u8>> {
    let Plot {
        fonts,
        mut canvas,
        rows,
        items: stages,
        label_right,
    } = match Plot::start(title, subtitle, stages)? {
        Ok(plot) => plot,
        Err(empty) => return Ok(empty),
    };
    let size = rows.font_size;
    let counts: Vec<u64> = stages.iter().map(|&(_, count)| count).collect();
    let conversions: Vec<String> = step_conversions_bp(&counts)
        .into_iter()
        .map(|bp| match bp {
            Some(bp) => format!("→ {}%", (bp + 50) / 100),
            None => String::new(),
        })
        .collect();
    let conversion_width = conversions
        .iter()
        .map(|c| fonts.regular.width(size, c).ceil() as i32)
        .max()
        .unwrap_or(0);
    let right = WIDTH as i32 - MARGIN;
    let area_left = label_right + 12;
    let area_right = (right - conversion_width - 12).max(area_left + 1);
    let area_center = (area_left + area_right) / 2;
    let max = counts.iter().copied().max().unwrap_or(0) as f64;

    for (i, ((label, count), conversion)) in stages.iter().zip(&conversions).enumerate() {
        let center = rows.center(i);
        draw_label(&mut canvas, &fonts, size, label, label_right, center);

        let width = bar_length(*count as f64, max, area_right - area_left);
        let left = area_center - width / 2;
        let color = mix(BAR, BAR_LIGHT, i as f32 / (rows.count.max(2) - 1) as f32);
        let half = rows.bar_height / 2;
        canvas.fill(
            left,
            center - half,
            left + width,
            center - half + rows.bar_height,
            color,
        );
        let number = count.to_string();
        let number_width = fonts.bold.width(size, &number).ceil() as i32;
        if number_width + 8 <= width {
            canvas.text(
                fonts.bold.pen(size, BACKGROUND),
                &number,
                area_center,
                center,
                Align::Center,
            );
        } else {
            canvas.text(
                fonts.bold.pen(size, INK),
                &number,
                left + width + 6,
                center,
                Align::Left,
            );
        }
        canvas.text(
            fonts.regular.pen(size, MUTED),
            conversion,
            right,
            center,
            Align::Right,
        );
    }
    rows.draw_more(&mut canvas, &fonts);
    canvas.png()
}

/// The value a bar is drawn to: nothing for negative and non-finite values.
fn drawable(value: f64) -> f64 {
    if value.is_finite() && value > 0.0 {
        value
    } else {
        0.0
    }
}

/// Pixels for `value` when `max` takes `room`; a positive value gets at least one pixel.
fn bar_length(value: f64, max: f64, room: i32) -> i32 {
    if value <= 0.0 || max <= 0.0 {
        return 0;
    }
    let length = (value / max * f64::from(room)).round();
    (length as i32).clamp(1, room.max(1))
}

/// Linear mix of two colours, `t` in 0..=1.
fn mix(from: Rgb, to: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    std::array::from_fn(|i| {
        (f32::from(from[i]) + (f32::from(to[i]) - f32::from(from[i])) * t).round() as u8
    })
}

/// The characters of `text` that the embedded typefaces cannot draw (emoji, mostly): what a
/// chart leaves out. Empty for any text a chart should show whole, such as its titles.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    match Fonts::load() {
        Ok(fonts) => text.chars().filter(|&c| !fonts.covers(c)).collect(),
        Err(_) => text.chars().collect(),
    }
}

/// The title in bold at the top, the subtitle under it in grey; each cut with "…" to the width.
fn draw_titles(canvas: &mut Canvas, fonts: &Fonts, title: &str, subtitle: &str) {
    let max = (WIDTH as i32 - 2 * MARGIN) as f32;
    let title = fonts.bold.fit(TITLE_SIZE, &fonts.drawable(title), max);
    canvas.text(
        fonts.bold.pen(TITLE_SIZE, INK),
        &title,
        WIDTH as i32 / 2,
        MARGIN + 12,
        Align::Center,
    );
    let subtitle = fonts
        .regular
        .fit(SUBTITLE_SIZE, &fonts.drawable(subtitle), max);
    canvas.text(
        fonts.regular.pen(SUBTITLE_SIZE, MUTED),
        &subtitle,
        WIDTH as i32 / 2,
        SUBTITLE_Y,
        Align::Center,
    );
}

/// What every chart with a row per item starts with: the titles drawn, the rows laid out, the
/// items' labels made drawable and their column measured.
struct Plot<T> {
    fonts: Fonts,
    canvas: Canvas,
    rows: Rows,
    /// The items that fit, their labels without glyphs the fonts lack.
    items: Vec<(String, T)>,
    /// Where the label column ends (labels are right-aligned to it).
    label_right: i32,
}

impl<T: Copy> Plot<T> {
    /// The chart's start, or (`Err`) the finished picture when there is nothing to plot: the
    /// titles over a dash.
    fn start(
        title: &str,
        subtitle: &str,
        items: &[(String, T)],
    ) -> anyhow::Result<Result<Self, Vec<u8>>> {
        let fonts = Fonts::load()?;
        let mut canvas = Canvas::new(WIDTH, HEIGHT);
        draw_titles(&mut canvas, &fonts, title, subtitle);
        let Some(rows) = Rows::layout(&mut canvas, &fonts, items.len()) else {
            return Ok(Err(canvas.png()?));
        };
        let items: Vec<(String, T)> = items[..rows.count]
            .iter()
            .map(|(label, value)| (fonts.drawable(label), *value))
            .collect();
        let labels: Vec<&str> = items.iter().map(|(label, _)| label.as_str()).collect();
        let label_right = MARGIN + label_column(&fonts, rows.font_size, &labels);
        Ok(Ok(Self {
            fonts,
            canvas,
            rows,
            items,
            label_right,
        }))
    }
}

/// A row's label, right-aligned to the label column and cut with "…" to its width.
fn draw_label(
    canvas: &mut Canvas,
    fonts: &Fonts,
    size: f32,
    label: &str,
    label_right: i32,
    center: i32,
) {
    canvas.text(
        fonts.regular.pen(size, INK),
        &fonts
            .regular
            .fit(size, label, (label_right - MARGIN) as f32),
        label_right,
        center,
        Align::Right,
    );
}

/// Width of the label column: the widest label, but at most 38 % of the chart (longer labels are
/// cut with "…").
fn label_column(fonts: &Fonts, size: f32, labels: &[&str]) -> i32 {
    let widest = labels
        .iter()
        .map(|label| fonts.regular.width(size, label).ceil() as i32)
        .max()
        .unwrap_or(0);
    widest.min((WIDTH as f32 * 0.38) as i32)
}

/// The rows of a chart with one bar per row.
struct Rows {
    /// Rows drawn (at most [`MAX_BARS`]).
    count: usize,
    /// Rows not drawn.
    more: usize,
    top: i32,
    bottom: i32,
    slot: f32,
    bar_height: i32,
    font_size: f32,
}

impl Rows {
    /// Lays out `total` rows under the title; with none, draws a dash instead and returns `None`.
    fn layout(canvas: &mut Canvas, fonts: &Fonts, total: usize) -> Option<Rows> {
        let top = PLOT_TOP;
        let mut bottom = HEIGHT as i32 - MARGIN;
        if total == 0 {
            canvas.text(
                fonts.regular.pen(48.0, MUTED),
                "—",
                WIDTH as i32 / 2,
                (top + bottom) / 2,
                Align::Center,
            );
            return None;
        }
        let count = total.min(MAX_BARS);
        let more = total - count;
        if more > 0 {
            bottom -= 24;
        }
        let slot = (bottom - top) as f32 / count as f32;
        Some(Rows {
            count,
            more,
            top,
            bottom,
            slot,
            bar_height: ((slot * 0.7).round() as i32).clamp(2, 48),
            font_size: (slot * 0.5).clamp(11.0, 16.0),
        })
    }

    /// Vertical centre of row `i`.
    fn center(&self, i: usize) -> i32 {
        self.top + (self.slot * (i as f32 + 0.5)).round() as i32
    }

    /// "… +N" under the chart when rows were left out.
    fn draw_more(&self, canvas: &mut Canvas, fonts: &Fonts) {
        if self.more > 0 {
            canvas.text(
                fonts.regular.pen(14.0, MUTED),
                &format!("… +{}", self.more),
                MARGIN,
                self.bottom + 14,
                Align::Left,
            );
        }
    }
}

#[cfg(test)]
mod tests;
