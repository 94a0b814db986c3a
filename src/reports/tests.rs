//! The figures' tests: ABC classes, the forecast, averages and shares.

use super::*;

fn client(contact_id: i64, name: &str, revenue_minor: i64) -> ClientRevenue {
    ClientRevenue {
        contact_id,
        name: name.to_string(),
        revenue_minor,
    }
}

fn ids(group: &AbcGroup) -> Vec<i64> {
    group.clients.iter().map(|c| c.contact_id).collect()
}

fn deal(amount_minor: i64, currency: &str, probability: u8, date: Option<&str>) -> PipelineDeal {
    PipelineDeal {
        amount_minor,
        currency: currency.to_string(),
        probability,
        expected_close: date.map(|d| d.parse().unwrap()),
    }
}

// --- helpers ---

#[test]
fn div_round_rounds_halves_away_from_zero() {
    assert_eq!(div_round(5, 2), 3);
    assert_eq!(div_round(-5, 2), -3);
    assert_eq!(div_round(7, 3), 2);
    assert_eq!(div_round(8, 3), 3);
    assert_eq!(div_round(-7, 3), -2);
    assert_eq!(div_round(-8, 3), -3);
    assert_eq!(div_round(0, 7), 0);
    assert_eq!(div_round(149, 100), 1);
    assert_eq!(div_round(150, 100), 2);
}

#[test]
fn average_minor_rounds_half_up() {
    assert_eq!(average_minor(1000, 3), Some(333));
    assert_eq!(average_minor(1001, 2), Some(501));
    assert_eq!(average_minor(1002, 3), Some(334));
    assert_eq!(average_minor(1000, 1), Some(1000));
    assert_eq!(average_minor(0, 5), Some(0));
    assert_eq!(average_minor(-1001, 2), Some(-501));
    assert_eq!(average_minor(1000, 0), None);
    assert_eq!(average_minor(1000, -1), None);
    assert_eq!(average_minor(i64::MAX, 1), Some(i64::MAX));
    assert_eq!(average_minor(i64::MAX, 2), Some(i64::MAX / 2 + 1));
}

#[test]
fn share_bp_in_basis_points() {
    assert_eq!(share_bp(1, 3), Some(3333));
    assert_eq!(share_bp(2, 3), Some(6667));
    assert_eq!(share_bp(1, 8), Some(1250));
    assert_eq!(share_bp(1, 20_000), Some(1)); // 0.5 bp rounds up
    assert_eq!(share_bp(3, 2), Some(15_000));
    assert_eq!(share_bp(0, 5), Some(0));
    assert_eq!(share_bp(5, 0), None);
    assert_eq!(share_bp(i64::MAX, i64::MAX), Some(10_000));
}

#[test]
fn step_conversions() {
    assert_eq!(
        step_conversions_bp(&[200, 50, 10, 0, 0]),
        vec![None, Some(2500), Some(2000), Some(0), None]
    );
    assert_eq!(step_conversions_bp(&[3, 1]), vec![None, Some(3333)]);
    assert_eq!(step_conversions_bp(&[]), Vec::<Option<i64>>::new());
    assert_eq!(
        step_conversions_bp(&[u64::MAX, u64::MAX]),
        vec![None, Some(10_000)]
    );
}

#[test]
fn apportion_adds_up_exactly() {
    assert_eq!(apportion_bp(&[1, 1, 1], 10_000), vec![3334, 3333, 3333]);
    assert_eq!(apportion_bp(&[2, 1, 0], 10_000), vec![6667, 3333, 0]);
    // 0.79995, 0.15005, 0.05: the larger remainder (.5 each for the first two) goes first.
    assert_eq!(
        apportion_bp(&[79_995, 15_005, 5_000], 10_000),
        vec![8000, 1500, 500]
    );
    assert_eq!(apportion_bp(&[0, 0, 0], 10_000), vec![0, 0, 0]);
}

// --- thresholds ---

#[test]
fn thresholds_parse_and_refuse() {
    assert_eq!(AbcThresholds::parse("80/95"), Ok(AbcThresholds::default()));
    assert_eq!(
        AbcThresholds::parse(" 70 % / 90% "),
        Ok(AbcThresholds {
            a_percent: 70,
            b_percent: 90
        })
    );
    assert_eq!(
        AbcThresholds::parse("1/100"),
        Ok(AbcThresholds {
            a_percent: 1,
            b_percent: 100
        })
    );
    assert_eq!(
        AbcThresholds::parse("95/80"),
        Err(AbcThresholdsError::Range)
    );
    assert_eq!(
        AbcThresholds::parse("80/80"),
        Err(AbcThresholdsError::Range)
    );
    assert_eq!(AbcThresholds::parse("0/95"), Err(AbcThresholdsError::Range));
    assert_eq!(
        AbcThresholds::parse("80/101"),
        Err(AbcThresholdsError::Range)
    );
    assert_eq!(
        AbcThresholds::parse("80/300"),
        Err(AbcThresholdsError::Range)
    );
    assert_eq!(
        AbcThresholds::parse("80/99999999999999999999"),
        Err(AbcThresholdsError::Range)
    );
    for bad in [
        "", "80", "80-95", "a/b", "80/", "/95", "-1/95", "80.5/95", "80/95/99", "+80/95",
    ] {
        assert_eq!(
            AbcThresholds::parse(bad),
            Err(AbcThresholdsError::Format),
            "{bad}"
        );
    }
    assert_eq!(AbcThresholds::new(80, 95), Ok(AbcThresholds::default()));
    assert_eq!(AbcThresholds::new(0, 95), Err(AbcThresholdsError::Range));
    assert_eq!(AbcThresholds::default().to_string(), "80/95");
    assert_eq!(
        AbcThresholds::parse(&AbcThresholds::new(65, 85).unwrap().to_string()),
        AbcThresholds::new(65, 85)
    );
}

// --- ABC ---

/// Ten clients, total 1000: shares 40, 20, 15, 10, 5, 4, 3, 2, 0.5, 0.5 %.
fn ten_clients() -> Vec<ClientRevenue> {
    vec![
        client(5, "Эпсилон", 50),
        client(1, "Альфа", 400),
        client(9, "Iota", 5),
        client(3, "Гамма", 150),
        client(7, "Eta", 30),
        client(2, "Бета", 200),
        client(10, "Kappa", 5),
        client(4, "Дельта", 100),
        client(8, "Theta", 20),
        client(6, "Zeta", 40),
    ]
}

#[test]
fn abc_ten_clients_exact_classes() {
    let report = abc(&ten_clients(), AbcThresholds::default());
    // Cumulative before each: 0, 40, 60, 75 → A (75 < 80; this one crosses to 85 and is
    // still A); 85, 90 → B (< 95); 94 → B (94 < 95, crosses to 97); 97, 99, 99.5 → C.
    assert_eq!(ids(&report.a), vec![1, 2, 3, 4]);
    assert_eq!(ids(&report.b), vec![5, 6, 7]);
    // Equal revenues (5 and 5): by name, "Iota" before "Kappa".
    assert_eq!(ids(&report.c), vec![8, 9, 10]);
    assert_eq!(report.a.revenue_minor, 850);
    assert_eq!(report.b.revenue_minor, 120);
    assert_eq!(report.c.revenue_minor, 30);
    assert_eq!(
        (report.a.share_bp, report.b.share_bp, report.c.share_bp),
        (8500, 1200, 300)
    );
    assert_eq!(report.total_minor, 1000);
    assert!(report.excluded.is_empty());
    assert_eq!(report.client_count(), 10);
    assert_eq!(report.class_of(4), Some(AbcClass::A));
    assert_eq!(report.class_of(7), Some(AbcClass::B));
    assert_eq!(report.class_of(10), Some(AbcClass::C));
    assert_eq!(report.class_of(99), None);
    assert_eq!(report.group(AbcClass::B).class, AbcClass::B);
}

#[test]
fn abc_exactly_on_the_line_is_the_next_class() {
    // Before the third client exactly 80 % → B; before the fourth exactly 95 % → C.
    let clients = vec![
        client(1, "a", 50),
        client(2, "b", 30),
        client(3, "c", 15),
        client(4, "d", 5),
    ];
    let report = abc(&clients, AbcThresholds::default());
    assert_eq!(ids(&report.a), vec![1, 2]);
    assert_eq!(ids(&report.b), vec![3]);
    assert_eq!(ids(&report.c), vec![4]);
    assert_eq!(
        (report.a.share_bp, report.b.share_bp, report.c.share_bp),
        (8000, 1500, 500)
    );
}

#[test]
fn abc_one_dominant_client_crosses_every_line() {
    // The first client is always A, even holding 99 %; the crossing client stays A.
    let clients = vec![client(1, "big", 9900), client(2, "small", 100)];
    let report = abc(&clients, AbcThresholds::default());
    assert_eq!(ids(&report.a), vec![1]);
    assert!(report.b.clients.is_empty());
    assert_eq!(ids(&report.c), vec![2]);
    assert_eq!((report.a.share_bp, report.c.share_bp), (9900, 100));
}

#[test]
fn abc_equal_revenues_share_a_class() {
    // Five equal clients: per client the fifth would start at exactly 80 % and be B; as
    // equals they all start at 0 % and are all A, whatever their names.
    let clients: Vec<_> = ["Яков", "Анна", "Борис", "Вера", "Глеб"]
        .iter()
        .enumerate()
        .map(|(i, name)| client(i as i64 + 1, name, 100))
        .collect();
    let report = abc(&clients, AbcThresholds::default());
    assert_eq!(ids(&report.a), vec![2, 3, 4, 5, 1]); // by name: А, Б, В, Г, Я
    assert!(report.b.clients.is_empty() && report.c.clients.is_empty());
    assert_eq!(report.a.share_bp, 10_000);

    // A tie straddling the A line.
    let clients = vec![
        client(1, "x", 600),
        client(2, "b", 150),
        client(3, "a", 150),
        client(4, "c", 50),
        client(5, "d", 50),
    ];
    // Total 1000. Before: 0 → A; the 150s start at 60 % → both A (to 90 %);
    // the 50s start at 90 % → both B (to 100 %).
    let report = abc(&clients, AbcThresholds::default());
    assert_eq!(ids(&report.a), vec![1, 3, 2]);
    assert_eq!(ids(&report.b), vec![4, 5]);
    assert!(report.c.clients.is_empty());
    assert_eq!(
        (report.a.share_bp, report.b.share_bp, report.c.share_bp),
        (9000, 1000, 0)
    );
}

#[test]
fn abc_zero_and_negative_revenue_are_excluded() {
    let clients = vec![
        client(1, "paid", 300),
        client(2, "refunded", -50),
        client(3, "nothing", 0),
        client(4, "paid too", 100),
    ];
    let report = abc(&clients, AbcThresholds::default());
    assert_eq!(report.total_minor, 400);
    // Before: 0 % → A; 75 % → A. The excluded do not dilute the shares.
    assert_eq!(ids(&report.a), vec![1, 4]);
    assert!(report.b.clients.is_empty() && report.c.clients.is_empty());
    assert_eq!(report.a.share_bp, 10_000);
    assert_eq!(
        report
            .excluded
            .iter()
            .map(|c| c.contact_id)
            .collect::<Vec<_>>(),
        vec![3, 2]
    );
    assert_eq!(report.class_of(2), None);
}

#[test]
fn abc_empty_and_all_excluded() {
    let report = abc(&[], AbcThresholds::default());
    assert_eq!(report.total_minor, 0);
    assert_eq!(report.client_count(), 0);
    assert!(
        report
            .groups()
            .iter()
            .all(|g| g.share_bp == 0 && g.revenue_minor == 0)
    );

    let report = abc(&[client(1, "z", 0)], AbcThresholds::default());
    assert_eq!(report.client_count(), 0);
    assert_eq!(report.excluded.len(), 1);
}

#[test]
fn abc_other_thresholds_and_huge_sums() {
    let clients = vec![
        client(1, "a", i64::MAX),
        client(2, "b", i64::MAX),
        client(3, "c", i64::MAX / 2),
    ];
    // Total 2.5·MAX does not fit i64: it saturates, the classes are still exact.
    let report = abc(&clients, AbcThresholds::new(50, 90).unwrap());
    // Before: 0 → A; 40 % → A; 80 % → B.
    assert_eq!(ids(&report.a), vec![1, 2]);
    assert_eq!(ids(&report.b), vec![3]);
    assert_eq!(report.total_minor, i64::MAX);
    assert_eq!(report.a.revenue_minor, i64::MAX);
    assert_eq!((report.a.share_bp, report.b.share_bp), (8000, 2000));
}

// --- forecast ---

#[test]
fn forecast_weights_and_rounds_half_up_per_month() {
    let deals = vec![
        deal(1_001, "RUB", 50, Some("2025-03-31")), // 500.5
        deal(1_000, "RUB", 25, Some("2025-03-01")), // 250
        deal(333, "RUB", 10, Some("2025-04-15")),   // 33.3 → 33
        deal(335, "RUB", 10, Some("2025-04-16")),   // 33.5 → with the above 66.8 → 67
        deal(100, "RUB", 0, Some("2025-05-02")),    // 0
        deal(100, "RUB", 250, Some("2025-05-03")),  // counts as 100 %
    ];
    let months = forecast(&deals);
    assert_eq!(
        months,
        vec![
            ForecastMonth {
                month: Some((2025, 3)),
                sums: vec![("RUB".into(), 2_001, 751)], // 750.5 → 751
            },
            ForecastMonth {
                month: Some((2025, 4)),
                sums: vec![("RUB".into(), 668, 67)],
            },
            ForecastMonth {
                month: Some((2025, 5)),
                sums: vec![("RUB".into(), 200, 100)],
            },
        ]
    );
}

#[test]
fn forecast_separates_currencies_and_puts_undated_last() {
    let deals = vec![
        deal(5_000, "USD", 40, None),
        deal(10_000, "USD", 70, Some("2026-01-10")),
        deal(20_000, "RUB", 30, Some("2026-01-20")),
        deal(7_500, "EUR", 90, Some("2025-12-31")),
        deal(3_000, "RUB", 50, None),
        deal(1_000, "USD", 15, Some("2026-01-31")),
        deal(999, "RUB", 5, Some("2025-12-01")), // 49.95 → 50
    ];
    let months = forecast(&deals);
    assert_eq!(
        months,
        vec![
            ForecastMonth {
                month: Some((2025, 12)),
                sums: vec![("EUR".into(), 7_500, 6_750), ("RUB".into(), 999, 50)],
            },
            ForecastMonth {
                month: Some((2026, 1)),
                sums: vec![("RUB".into(), 20_000, 6_000), ("USD".into(), 11_000, 7_150)],
            },
            ForecastMonth {
                month: None,
                sums: vec![("RUB".into(), 3_000, 1_500), ("USD".into(), 5_000, 2_000)],
            },
        ]
    );
    assert_eq!(
        forecast_total(&deals),
        vec![
            ("EUR".into(), 7_500, 6_750),
            ("RUB".into(), 23_999, 7_550), // 49.95 + 6000 + 1500 = 7549.95 → 7550
            ("USD".into(), 16_000, 9_150),
        ]
    );
}

#[test]
fn forecast_total_rounds_once() {
    // Three deals of 0.5 each: per month 1 each (3 in all), over the whole pipeline 1.5 → 2.
    let deals = vec![
        deal(1, "RUB", 50, Some("2025-01-01")),
        deal(1, "RUB", 50, Some("2025-02-01")),
        deal(1, "RUB", 50, Some("2025-03-01")),
    ];
    let months: i64 = forecast(&deals).iter().map(|m| m.sums[0].2).sum();
    assert_eq!(months, 3);
    assert_eq!(forecast_total(&deals), vec![("RUB".into(), 3, 2)]);
}

#[test]
fn forecast_empty_and_huge() {
    assert!(forecast(&[]).is_empty());
    assert!(forecast_total(&[]).is_empty());
    let deals = vec![
        deal(i64::MAX, "RUB", 100, None),
        deal(i64::MAX, "RUB", 100, None),
    ];
    assert_eq!(
        forecast(&deals),
        vec![ForecastMonth {
            month: None,
            sums: vec![("RUB".into(), i64::MAX, i64::MAX)],
        }]
    );
}
