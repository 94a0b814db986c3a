//! The drawing surface of the charts: an RGB canvas with rectangles and anti-aliased text in
//! the embedded DejaVu font, written out as PNG.

use super::{BACKGROUND, Rgb};
use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

/// The embedded typefaces.
pub(super) struct Fonts {
    pub(super) regular: Face,
    pub(super) bold: Face,
}

impl Fonts {
    /// Parses the embedded DejaVu Sans (only table lookups: microseconds, no copying).
    pub(super) fn load() -> anyhow::Result<Fonts> {
        Ok(Fonts {
            regular: Face(FontRef::try_from_slice(dejavu::sans::regular())?),
            bold: Face(FontRef::try_from_slice(dejavu::sans::bold())?),
        })
    }

    /// Whether both typefaces have a glyph for `c` (glyph 0 is the font's "missing" box).
    pub(super) fn covers(&self, c: char) -> bool {
        self.regular.0.glyph_id(c).0 != 0 && self.bold.0.glyph_id(c).0 != 0
    }

    /// `text` without the characters the typefaces cannot draw, its spaces collapsed and
    /// trimmed: "🪜 Funnel" is drawn as "Funnel", never as "□ Funnel".
    pub(super) fn drawable(&self, text: &str) -> String {
        let kept: String = text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .filter(|&c| self.covers(c))
            .collect();
        kept.split(' ')
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub(super) struct Face(pub(super) FontRef<'static>);

impl Face {
    pub(super) fn pen(&self, size: f32, color: Rgb) -> Pen<'_> {
        Pen {
            face: self,
            size,
            color,
        }
    }

    /// Advance width of `text` in pixels at `size`, kerning included.
    pub(super) fn width(&self, size: f32, text: &str) -> f32 {
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
    pub(super) fn fit(&self, size: f32, text: &str, max: f32) -> String {
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
pub(super) struct Pen<'a> {
    face: &'a Face,
    size: f32,
    color: Rgb,
}

#[derive(Clone, Copy)]
pub(super) enum Align {
    Left,
    Center,
    Right,
}

/// An RGB picture being drawn.
pub(super) struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    pub(super) fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            pixels: BACKGROUND.repeat(width as usize * height as usize),
        }
    }

    /// Fills the rectangle from `(x0, y0)` to `(x1, y1)`, right and bottom edges excluded,
    /// clipped to the picture.
    pub(super) fn fill(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, color: Rgb) {
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
    pub(super) fn blend(&mut self, x: i32, y: i32, color: Rgb, alpha: f32) {
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
    pub(super) fn text(&mut self, pen: Pen<'_>, text: &str, x: i32, center_y: i32, align: Align) {
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

    pub(super) fn png(&self) -> anyhow::Result<Vec<u8>> {
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
