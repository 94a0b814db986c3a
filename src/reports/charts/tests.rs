//! The charts drawn and decoded again: sizes, ink where it belongs, every glyph, odd values.

use super::*;
use ab_glyph::Font;

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
                ABCXYZabcxyz0123456789 %…—→₽$€₸₴.,:;()+-–·";
    for face in [&fonts.regular, &fonts.bold] {
        for c in text.chars() {
            assert_ne!(face.0.glyph_id(c).0, 0, "no glyph for {c:?}");
        }
    }
}

#[test]
fn glyphs_the_font_lacks_are_left_out() {
    assert_eq!(missing_glyphs("🪜 Funnel"), vec!['🪜']);
    assert_eq!(missing_glyphs("📈 Прогноз, 👥"), vec!['📈', '👥']);
    assert!(missing_glyphs("Воронка · Этот месяц, 01.11.2026–30.11.2026 · ₽").is_empty());
    let fonts = Fonts::load().unwrap();
    assert_eq!(fonts.drawable("🪜 Funnel"), "Funnel");
    assert_eq!(fonts.drawable(" Анна  🌸 Смирнова "), "Анна Смирнова");
    // The same picture with the emoji as without: no empty box anywhere.
    let with = bar_chart(
        "🪜 Воронка",
        "👥 команда",
        &bars(&[("Анна 🌸", 3.0), ("🚀", 1.0)]),
        |v| format!("{v:.0} 🔥"),
    )
    .unwrap();
    let without = bar_chart(
        "Воронка",
        "команда",
        &bars(&[("Анна", 3.0), ("", 1.0)]),
        label,
    )
    .unwrap();
    assert_eq!(with, without);
    let funnel = funnel_chart("🪜 Воронка", "", &[("🆕 Новые".into(), 3)]).unwrap();
    let plain = funnel_chart("Воронка", "", &[("Новые".into(), 3)]).unwrap();
    assert_eq!(funnel, plain);
}

#[test]
fn the_subtitle_is_drawn_under_the_title() {
    let band = |p: &[u8]| inked(p, 0, SUBTITLE_Y as u32 - 9, WIDTH, SUBTITLE_Y as u32 + 9);
    let title_band = |p: &[u8]| inked(p, 0, 0, WIDTH, SUBTITLE_Y as u32 - 10);
    let data = bars(&[("Анна", 3.0)]);
    let with = check(
        &bar_chart(
            "Воронка",
            "Прошлый месяц, 01.10.2026–31.10.2026 · Анна",
            &data,
            label,
        )
        .unwrap(),
    );
    let without = check(&bar_chart("Воронка", "", &data, label).unwrap());
    assert!(band(&with) > 300, "{}", band(&with));
    assert_eq!(band(&without), 0);
    assert_eq!(title_band(&with), title_band(&without));
    // Grey, smaller text: the subtitle stays above the plot.
    assert_eq!(
        inked(&with, 0, PLOT_TOP as u32, WIDTH, HEIGHT),
        inked(&without, 0, PLOT_TOP as u32, WIDTH, HEIGHT)
    );
}

#[test]
fn bar_chart_is_a_png_of_the_right_size() {
    let png = bar_chart(
        "Сделки по этапам",
        "",
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
    let with = check(&bar_chart("", "", &bars(&[("Иванов", 1.0)]), |_| String::new()).unwrap());
    let without = check(&bar_chart("", "", &bars(&[("      ", 1.0)]), |_| String::new()).unwrap());
    let column = |p: &[u8]| text_pixels(p, 0, PLOT_TOP as u32, 300, HEIGHT);
    assert!(column(&with) > column(&without) + 100);
    let title = |p: &[u8]| inked(p, 0, 0, WIDTH, PLOT_TOP as u32);
    let titled = check(&bar_chart("Прогноз — ₽", "", &[], label).unwrap());
    assert!(title(&titled) > 100);
    assert_eq!(title(&without), 0);
}

#[test]
fn empty_input_draws_the_title_and_a_dash() {
    for png in [
        bar_chart("Пусто", "", &[], label).unwrap(),
        funnel_chart("Воронка", "", &[]).unwrap(),
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
        check(&bar_chart("Суммы", "", &data, |v| format!("{v:e}")).unwrap());
    }
    check(&funnel_chart("Воронка", "", &[("a".into(), 0), ("b".into(), 0)]).unwrap());
    check(&funnel_chart("Воронка", "", &[("a".into(), u64::MAX), ("b".into(), 1)]).unwrap());
}

#[test]
fn long_labels_and_many_bars_fit() {
    let long = "Очень длинное название этапа воронки продаж, которое не помещается".repeat(3);
    let many: Vec<(String, f64)> = (0..57).map(|i| (format!("{long} {i}"), i as f64)).collect();
    let pixels = check(&bar_chart(&long, "", &many, |v| format!("{v} ₽ ").repeat(20)).unwrap());
    // "… +37" under the chart.
    assert!(inked(&pixels, 0, HEIGHT - MARGIN as u32 - 24, 200, HEIGHT) > 20);
    let stages: Vec<(String, u64)> = (0..30).map(|i| (long.clone(), 100 - i)).collect();
    check(&funnel_chart(&long, "", &stages).unwrap());
}

#[test]
fn different_data_draw_different_charts() {
    let one = bar_chart(
        "Менеджеры",
        "",
        &bars(&[("Анна", 10.0), ("Борис", 20.0)]),
        label,
    )
    .unwrap();
    let same = bar_chart(
        "Менеджеры",
        "",
        &bars(&[("Анна", 10.0), ("Борис", 20.0)]),
        label,
    )
    .unwrap();
    let other = bar_chart(
        "Менеджеры",
        "",
        &bars(&[("Анна", 20.0), ("Борис", 10.0)]),
        label,
    )
    .unwrap();
    assert_eq!(one, same);
    assert_ne!(one, other);
    let funnel =
        funnel_chart("Воронка", "", &[("Лид".into(), 100), ("Сделка".into(), 25)]).unwrap();
    let funnel2 =
        funnel_chart("Воронка", "", &[("Лид".into(), 100), ("Сделка".into(), 50)]).unwrap();
    assert_ne!(funnel, funnel2);
}

#[test]
fn funnel_bars_are_centred_and_shrink() {
    let pixels = check(
        &funnel_chart(
            "Воронка",
            "",
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
            bar_chart(
                "Воронка: сделки по этапам",
                "Этот месяц, 01.11.2026–30.11.2026 · команда",
                &funnel_bars,
                label,
            )
            .unwrap(),
        ),
        (
            "funnel",
            funnel_chart(
                "Воронка",
                "Этот месяц, 01.11.2026–30.11.2026 · команда",
                &stages,
            )
            .unwrap(),
        ),
        (
            "managers",
            bar_chart(
                "Выиграно, RUB",
                "Прошлый месяц, 01.10.2026–31.10.2026 · команда",
                &managers,
                money,
            )
            .unwrap(),
        ),
        (
            "forecast",
            bar_chart(
                "Weighted forecast, RUB",
                "Open deals on 25.11.2026 · Anna Smirnova",
                &months,
                money,
            )
            .unwrap(),
        ),
        ("empty", bar_chart("Нет данных", "", &[], label).unwrap()),
        (
            "many",
            bar_chart(
                "Очень длинный заголовок отчёта, который не помещается в одну строку картинки",
                "",
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
        std::hint::black_box(bar_chart("Выручка по менеджерам, ₽", "", &managers, money).unwrap());
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
