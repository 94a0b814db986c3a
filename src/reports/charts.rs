//! PNG charts for `/report`: bars and a sales funnel, rendered in-process into PNG bytes that
//! the bot sends as a photo.
//!
//! Everything is drawn here, on a plain RGB buffer: axis-aligned rectangles and anti-aliased
//! text. Glyphs come from DejaVu Sans (Latin, Cyrillic and more), embedded in the binary by the
//! `dejavu` crate and rasterised by `ab_glyph`; nothing looks up system fonts or reads a file, so
//! a chart renders the same on any machine. The PNG is encoded by the `png` crate.
//!
//! Charts take their labels ready-made: the caller formats numbers and money through the locales.
//! Values are `f64` for drawing only; sums are kept in integers elsewhere.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

use super::step_conversions_bp;

/// Size of every chart, in pixels.
pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 500;

/// At most this many bars are drawn; the rest are summed up as "… +N" under the chart.
pub const MAX_BARS: usize = 20;

const MARGIN: i32 = 24;
const TITLE_SIZE: f32 = 22.0;
/// Top of the plot, below the title.
const PLOT_TOP: i32 = 64;

type Rgb = [u8; 3];
const BACKGROUND: Rgb = [255, 255, 255];
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
/// by month. No bars: the title over a dash.
pub fn bar_chart(
    title: &str,
    bars: &[(String, f64)],
    value_label: impl Fn(f64) -> String,
) -> anyhow::Result<Vec<u8>> {
    let fonts = Fonts::load()?;
    let mut canvas = Canvas::new(WIDTH, HEIGHT);
    draw_title(&mut canvas, &fonts, title);
    let Some(rows) = Rows::layout(&mut canvas, &fonts, bars.len()) else {
        return canvas.png();
    };
    let bars = &bars[..rows.count];
    let size = rows.font_size;

    let labels: Vec<&str> = bars.iter().map(|(label, _)| label.as_str()).collect();
    let label_right = MARGIN + label_column(&fonts, size, &labels);
    let bar_left = label_right + 10;
    let right = WIDTH as i32 - MARGIN;

    let values: Vec<String> = bars.iter().map(|&(_, value)| value_label(value)).collect();
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
        let max_label = (label_right - MARGIN) as f32;
        canvas.text(
            fonts.regular.pen(size, INK),
            &fonts.regular.fit(size, label, max_label),
            label_right,
            center,
            Align::Right,
        );
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
/// be the pipeline's. No stages: the title over a dash.
pub fn funnel_chart(title: &str, stages: &[(String, u64)]) -> anyhow::Result<Vec<u8>> {
    let fonts = Fonts::load()?;
    let mut canvas = Canvas::new(WIDTH, HEIGHT);
    draw_title(&mut canvas, &fonts, title);
    let Some(rows) = Rows::layout(&mut canvas, &fonts, stages.len()) else {
        return canvas.png();
    };
    let stages = &stages[..rows.count];
    let size = rows.font_size;

    let labels: Vec<&str> = stages.iter().map(|(label, _)| label.as_str()).collect();
    let label_right = MARGIN + label_column(&fonts, size, &labels);
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
        let max_label = (label_right - MARGIN) as f32;
        canvas.text(
            fonts.regular.pen(size, INK),
            &fonts.regular.fit(size, label, max_label),
            label_right,
            center,
            Align::Right,
        );

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

fn draw_title(canvas: &mut Canvas, fonts: &Fonts, title: &str) {
    let max = (WIDTH as i32 - 2 * MARGIN) as f32;
    let title = fonts.bold.fit(TITLE_SIZE, title, max);
    canvas.text(
        fonts.bold.pen(TITLE_SIZE, INK),
        &title,
        WIDTH as i32 / 2,
        MARGIN + 12,
        Align::Center,
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

/// The embedded typefaces.
struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    /// Parses the embedded DejaVu Sans (only table lookups: microseconds, no copying).
    fn load() -> anyhow::Result<Fonts> {
        Ok(Fonts {
            regular: Face(FontRef::try_from_slice(dejavu::sans::regular())?),
            bold: Face(FontRef::try_from_slice(dejavu::sans::bold())?),
        })
    }
}

struct Face(FontRef<'static>);

impl Face {
    fn pen(&self, size: f32, color: Rgb) -> Pen<'_> {
        Pen {
            face: self,
            size,
            color,
        }
    }

    /// Advance width of `text` in pixels at `size`, kerning included.
    fn width(&self, size: f32, text: &str) -> f32 {
        let font = self.0.as_scaled(PxScale::from(size));
        let mut width = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(previous) = previous {
                width += font.kern(previous, id);
            }
            width += font.h_advance(id);
            previous = Some(id);
        }
        width
    }

    /// `text`, or as much of it as fits in `max` pixels followed by "…" (nothing at all when not
    /// even "…" fits).
    fn fit(&self, size: f32, text: &str, max: f32) -> String {
        if self.width(size, text) <= max {
            return text.to_string();
        }
        // The longest prefix that leaves room for the ellipsis, in one pass.
        let font = self.0.as_scaled(PxScale::from(size));
        let room = max - self.width(size, "…");
        let (mut width, mut end, mut previous) = (0.0, 0, None);
        for (i, c) in text.char_indices() {
            let id = font.glyph_id(c);
            let advance = font.h_advance(id) + previous.map_or(0.0, |p| font.kern(p, id));
            if width + advance > room {
                break;
            }
            width += advance;
            end = i + c.len_utf8();
            previous = Some(id);
        }
        let mut prefix = text[..end].trim_end().to_string();
        loop {
            // Kerning against the ellipsis could still tip it over: drop characters until it fits.
            let candidate = format!("{prefix}…");
            if self.width(size, &candidate) <= max {
                return candidate;
            }
            if prefix.pop().is_none() {
                return String::new();
            }
        }
    }
}

#[derive(Clone, Copy)]
struct Pen<'a> {
    face: &'a Face,
    size: f32,
    color: Rgb,
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Center,
    Right,
}

/// An RGB picture being drawn.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            pixels: BACKGROUND.repeat(width as usize * height as usize),
        }
    }

    /// Fills the rectangle from `(x0, y0)` to `(x1, y1)`, right and bottom edges excluded,
    /// clipped to the picture.
    fn fill(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, color: Rgb) {
        let clip = |v: i32, max: u32| v.clamp(0, max as i32) as usize;
        let (x0, x1) = (clip(x0, self.width), clip(x1, self.width));
        let (y0, y1) = (clip(y0, self.height), clip(y1, self.height));
        for y in y0..y1 {
            let row = y * self.width as usize;
            for x in x0..x1 {
                let i = (row + x) * 3;
                self.pixels[i..i + 3].copy_from_slice(&color);
            }
        }
    }

    /// Blends `color` over the pixel at `(x, y)` with coverage `alpha` (0..=1).
    fn blend(&mut self, x: i32, y: i32, color: Rgb, alpha: f32) {
        if x < 0 || y < 0 || x >= self.width as i32 || y >= self.height as i32 {
            return;
        }
        let alpha = alpha.clamp(0.0, 1.0);
        let i = (y as usize * self.width as usize + x as usize) * 3;
        for (channel, &ink) in self.pixels[i..i + 3].iter_mut().zip(&color) {
            let old = f32::from(*channel);
            *channel = (old + (f32::from(ink) - old) * alpha).round() as u8;
        }
    }

    /// Draws one line of text at `x` (its left end, centre or right end per `align`), vertically
    /// centred on `center_y`.
    fn text(&mut self, pen: Pen<'_>, text: &str, x: i32, center_y: i32, align: Align) {
        let Pen { face, size, color } = pen;
        let scale = PxScale::from(size);
        let font = face.0.as_scaled(scale);
        let width = face.width(size, text);
        let mut pen = match align {
            Align::Left => x as f32,
            Align::Center => x as f32 - width / 2.0,
            Align::Right => x as f32 - width,
        };
        // Centre the line between the font's ascender and descender (descent is negative).
        let baseline = center_y as f32 + (font.ascent() + font.descent()) / 2.0;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(previous) = previous {
                pen += font.kern(previous, id);
            }
            let glyph = id.with_scale_and_position(scale, point(pen, baseline));
            if let Some(outline) = face.0.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
                outline.draw(|gx, gy, coverage| {
                    self.blend(left + gx as i32, top + gy as i32, color, coverage);
                });
            }
            pen += font.h_advance(id);
            previous = Some(id);
        }
    }

    fn png(&self) -> anyhow::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(64 * 1024);
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&self.pixels)?;
        writer.finish()?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

    /// Decodes a PNG: `(width, height, RGB pixels)`.
    fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        assert_eq!(bytes[..8], PNG_SIGNATURE);
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG header");
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).expect("PNG data");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        pixels.truncate(info.buffer_size());
        (info.width, info.height, pixels)
    }

    fn check(bytes: &[u8]) -> Vec<u8> {
        let (width, height, pixels) = decode(bytes);
        assert_eq!((width, height), (WIDTH, HEIGHT));
        pixels
    }

    /// Pixels that are not background in the rectangle `x0..x1 × y0..y1`.
    fn inked(pixels: &[u8], x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| ((y * WIDTH + x) * 3) as usize))
            .filter(|&i| pixels[i..i + 3] != BACKGROUND)
            .count()
    }

    /// Pixels of text (grey: the text is black or grey, anti-aliased on white; bars are coloured
    /// and have sharp edges) in the rectangle `x0..x1 × y0..y1`.
    fn text_pixels(pixels: &[u8], x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| ((y * WIDTH + x) * 3) as usize))
            .filter(|&i| {
                let p = &pixels[i..i + 3];
                let (min, max) = (p.iter().min().unwrap(), p.iter().max().unwrap());
                p != BACKGROUND && max - min <= 12
            })
            .count()
    }

    fn label(value: f64) -> String {
        format!("{value:.0}")
    }

    fn bars(items: &[(&str, f64)]) -> Vec<(String, f64)> {
        items.iter().map(|&(l, v)| (l.to_string(), v)).collect()
    }

    #[test]
    fn embedded_font_has_every_glyph_we_need() {
        let fonts = Fonts::load().unwrap();
        let text = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя\
                    ABCXYZabcxyz0123456789 %…—→₽$€₸₴.,:;()+-–";
        for face in [&fonts.regular, &fonts.bold] {
            for c in text.chars() {
                assert_ne!(face.0.glyph_id(c).0, 0, "no glyph for {c:?}");
            }
        }
    }

    #[test]
    fn bar_chart_is_a_png_of_the_right_size() {
        let png = bar_chart(
            "Сделки по этапам",
            &bars(&[("Новая", 120.0), ("Переговоры", 45.0), ("Won", 12.0)]),
            label,
        )
        .unwrap();
        let pixels = check(&png);
        // The title is drawn at the top centre.
        assert!(inked(&pixels, 200, 0, 600, PLOT_TOP as u32) > 200);
        // The longest bar reaches well into the right half.
        assert!(inked(&pixels, 500, PLOT_TOP as u32, 700, 200) > 1000);
    }

    #[test]
    fn cyrillic_labels_are_drawn() {
        // The same chart with labels of the same length in letters and in spaces: the letters ink
        // the label column (a missing glyph would draw nothing).
        let with = check(&bar_chart("", &bars(&[("Иванов", 1.0)]), |_| String::new()).unwrap());
        let without = check(&bar_chart("", &bars(&[("      ", 1.0)]), |_| String::new()).unwrap());
        let column = |p: &[u8]| text_pixels(p, 0, PLOT_TOP as u32, 300, HEIGHT);
        assert!(column(&with) > column(&without) + 100);
        let title = |p: &[u8]| inked(p, 0, 0, WIDTH, PLOT_TOP as u32);
        let titled = check(&bar_chart("Прогноз — ₽", &[], label).unwrap());
        assert!(title(&titled) > 100);
        assert_eq!(title(&without), 0);
    }

    #[test]
    fn empty_input_draws_the_title_and_a_dash() {
        for png in [
            bar_chart("Пусто", &[], label).unwrap(),
            funnel_chart("Воронка", &[]).unwrap(),
        ] {
            let pixels = check(&png);
            assert!(inked(&pixels, 0, 0, WIDTH, PLOT_TOP as u32) > 50);
            // The dash in the middle.
            let (cx, cy) = (WIDTH / 2, (PLOT_TOP as u32 + HEIGHT) / 2);
            assert!(inked(&pixels, cx - 30, cy - 20, cx + 30, cy + 20) > 30);
        }
    }

    #[test]
    fn zero_negative_nan_and_huge_values() {
        for data in [
            bars(&[("a", 0.0), ("b", 0.0)]),
            bars(&[("a", f64::MAX), ("b", 1.0), ("c", f64::MIN_POSITIVE)]),
            bars(&[
                ("a", 1e300),
                ("b", -5.0),
                ("c", f64::NAN),
                ("d", f64::INFINITY),
            ]),
            bars(&[("a", 9.2e18), ("b", 1.5e18)]),
        ] {
            check(&bar_chart("Суммы", &data, |v| format!("{v:e}")).unwrap());
        }
        check(&funnel_chart("Воронка", &[("a".into(), 0), ("b".into(), 0)]).unwrap());
        check(&funnel_chart("Воронка", &[("a".into(), u64::MAX), ("b".into(), 1)]).unwrap());
    }

    #[test]
    fn long_labels_and_many_bars_fit() {
        let long = "Очень длинное название этапа воронки продаж, которое не помещается".repeat(3);
        let many: Vec<(String, f64)> = (0..57).map(|i| (format!("{long} {i}"), i as f64)).collect();
        let pixels = check(&bar_chart(&long, &many, |v| format!("{v} ₽ ").repeat(20)).unwrap());
        // "… +37" under the chart.
        assert!(inked(&pixels, 0, HEIGHT - MARGIN as u32 - 24, 200, HEIGHT) > 20);
        let stages: Vec<(String, u64)> = (0..30).map(|i| (long.clone(), 100 - i)).collect();
        check(&funnel_chart(&long, &stages).unwrap());
    }

    #[test]
    fn different_data_draw_different_charts() {
        let one = bar_chart(
            "Менеджеры",
            &bars(&[("Анна", 10.0), ("Борис", 20.0)]),
            label,
        )
        .unwrap();
        let same = bar_chart(
            "Менеджеры",
            &bars(&[("Анна", 10.0), ("Борис", 20.0)]),
            label,
        )
        .unwrap();
        let other = bar_chart(
            "Менеджеры",
            &bars(&[("Анна", 20.0), ("Борис", 10.0)]),
            label,
        )
        .unwrap();
        assert_eq!(one, same);
        assert_ne!(one, other);
        let funnel =
            funnel_chart("Воронка", &[("Лид".into(), 100), ("Сделка".into(), 25)]).unwrap();
        let funnel2 =
            funnel_chart("Воронка", &[("Лид".into(), 100), ("Сделка".into(), 50)]).unwrap();
        assert_ne!(funnel, funnel2);
    }

    #[test]
    fn funnel_bars_are_centred_and_shrink() {
        let pixels = check(
            &funnel_chart(
                "Воронка",
                &[
                    ("Лиды".into(), 200),
                    ("Встреча".into(), 100),
                    ("Счёт".into(), 50),
                    ("Оплата".into(), 10),
                ],
            )
            .unwrap(),
        );
        // The bar's extent in a pixel row: bar pixels are bluish, text is grey or white.
        let extent = |y: u32| {
            let bar: Vec<u32> = (0..WIDTH)
                .filter(|&x| {
                    let i = ((y * WIDTH + x) * 3) as usize;
                    let p = &pixels[i..i + 3];
                    u16::from(p[2]) > u16::from(p[0]) + 40
                })
                .collect();
            (bar[0], bar[bar.len() - 1] + 1)
        };
        let slot = (HEIGHT as f32 - MARGIN as f32 - PLOT_TOP as f32) / 4.0;
        // 18 px above each row's centre: inside the bar (48 px tall here), above the count.
        let rows: Vec<(u32, u32)> = (0..4)
            .map(|i| extent(PLOT_TOP as u32 + (slot * (i as f32 + 0.5)) as u32 - 18))
            .collect();
        let widths: Vec<u32> = rows.iter().map(|(l, r)| r - l).collect();
        assert!(widths.windows(2).all(|w| w[0] > w[1]), "{rows:?}");
        // Proportional: 200, 100, 50, 10 → each half the first, give or take rounding.
        assert!(widths[0].abs_diff(2 * widths[1]) <= 2, "{rows:?}");
        assert!(widths[0].abs_diff(4 * widths[2]) <= 4, "{rows:?}");
        assert!(widths[0].abs_diff(20 * widths[3]) <= 20, "{rows:?}");
        // Centred on the same line.
        let centres: Vec<u32> = rows.iter().map(|(l, r)| l + r).collect();
        assert!(
            centres.iter().all(|c| c.abs_diff(centres[0]) <= 2),
            "{rows:?}"
        );
    }

    #[test]
    fn helpers() {
        assert_eq!(bar_length(50.0, 100.0, 400), 200);
        assert_eq!(bar_length(1e-9, 100.0, 400), 1);
        assert_eq!(bar_length(0.0, 100.0, 400), 0);
        assert_eq!(bar_length(5.0, 0.0, 400), 0);
        assert_eq!(bar_length(f64::MAX, f64::MAX, 400), 400);
        assert_eq!(drawable(f64::NAN), 0.0);
        assert_eq!(drawable(-1.0), 0.0);
        assert_eq!(mix([0, 0, 0], [200, 100, 50], 0.5), [100, 50, 25]);
        let fonts = Fonts::load().unwrap();
        let fitted = fonts.regular.fit(14.0, "Переговоры с клиентом", 60.0);
        assert!(fitted.ends_with('…') && fonts.regular.width(14.0, &fitted) <= 60.0);
        assert_eq!(fonts.regular.fit(14.0, "ok", 60.0), "ok");
        assert_eq!(fonts.regular.fit(14.0, "широко", 1.0), "");
    }

    /// Writes sample charts to `$CHATCRM_CHART_PREVIEW` (a folder) to look at, and prints how long
    /// one takes: `CHATCRM_CHART_PREVIEW=/tmp/charts cargo test --release --lib
    /// charts::tests::preview -- --ignored --nocapture`.
    #[test]
    #[ignore = "writes files; run by hand"]
    fn preview() {
        let dir = std::path::PathBuf::from(
            std::env::var("CHATCRM_CHART_PREVIEW").unwrap_or_else(|_| "/tmp/charts".into()),
        );
        std::fs::create_dir_all(&dir).unwrap();
        let stages = [
            ("Новые".to_string(), 240u64),
            ("Квалификация".to_string(), 130),
            ("Встреча назначена".to_string(), 71),
            ("Коммерческое предложение".to_string(), 38),
            ("Счёт выставлен".to_string(), 20),
            ("Оплачено".to_string(), 12),
        ];
        let funnel_bars: Vec<(String, f64)> = stages
            .iter()
            .zip(step_conversions_bp(
                &stages.iter().map(|s| s.1).collect::<Vec<_>>(),
            ))
            .map(|((name, n), bp)| match bp {
                Some(bp) => (format!("{name} ({}%)", (bp + 50) / 100), *n as f64),
                None => (name.clone(), *n as f64),
            })
            .collect();
        let managers = bars(&[
            ("Анна Смирнова", 1_245_300.0),
            ("Борис Петров", 980_000.0),
            ("John Smith", 455_120.5),
            ("Екатерина Константинопольская-Водкина", 120_000.0),
            ("Глеб", 0.0),
        ]);
        let money = |v: f64| format!("{:.0} ₽", v);
        let months = bars(&[
            ("март 2025", 3_400_000.0),
            ("апрель 2025", 2_100_000.0),
            ("май 2025", 800_000.0),
            ("без даты", 1_500_000.0),
        ]);
        let started = std::time::Instant::now();
        let charts = [
            (
                "funnel-bars",
                bar_chart("Воронка: сделки по этапам", &funnel_bars, label).unwrap(),
            ),
            (
                "funnel",
                funnel_chart("Воронка продаж за квартал", &stages).unwrap(),
            ),
            (
                "managers",
                bar_chart("Выручка по менеджерам, ₽", &managers, money).unwrap(),
            ),
            (
                "forecast",
                bar_chart("Forecast by month (weighted), RUB", &months, money).unwrap(),
            ),
            ("empty", bar_chart("Нет данных", &[], label).unwrap()),
            (
                "many",
                bar_chart(
                    "Очень длинный заголовок отчёта, который не помещается в одну строку картинки",
                    &(0..27)
                        .map(|i| {
                            (
                                format!("Менеджер номер {i} с длинной фамилией"),
                                (i * i) as f64,
                            )
                        })
                        .collect::<Vec<_>>(),
                    money,
                )
                .unwrap(),
            ),
        ];
        let elapsed = started.elapsed();
        println!(
            "{} charts in {elapsed:?}, {:?} each",
            charts.len(),
            elapsed / charts.len() as u32
        );
        let runs = 50;
        let started = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(bar_chart("Выручка по менеджерам, ₽", &managers, money).unwrap());
        }
        println!(
            "bar_chart: {:?} per chart over {runs}",
            started.elapsed() / runs
        );
        for (name, png) in charts {
            println!("{name}.png: {} bytes", png.len());
            std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
        }
    }
}
