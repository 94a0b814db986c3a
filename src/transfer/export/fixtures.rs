//! Contacts every export test writes: one with every field, and two that test the edges.

use super::records::ExportContact;
use crate::domain::Birthday;

pub(super) fn ivan() -> ExportContact {
    ExportContact {
        name: "Иван Петров".into(),
        phones: vec!["+79991234567".into(), "+79161234567".into()],
        emails: vec!["ivan@example.ru".into()],
        telegram: Some("ivan_petrov".into()),
        companies: vec!["ООО \"Ромашка\"".into()],
        tags: vec!["vip".into(), "опт".into()],
        kind: Some("Опт".into()),
        region: Some("Москва".into()),
        birthday: Some(Birthday {
            day: 25,
            month: 12,
            year: Some(1990),
        }),
        priority: Some("Высокий".into()),
        notes: Some("Звонить после 18:00;\nлюбит скидки".into()),
        owner: "Анна".into(),
        created_at: "01.03.2025 10:00".into(),
    }
}

pub(super) fn others() -> Vec<ExportContact> {
    vec![
        ExportContact {
            name: "=cmd|' /C calc'!A0".into(),
            phones: vec!["+442079460958".into()],
            owner: "Анна".into(),
            created_at: "02.03.2025 11:00".into(),
            ..Default::default()
        },
        ExportContact {
            name: "Smith, John".into(),
            emails: vec!["john@example.com".into(), "j.smith@example.org".into()],
            tags: vec!["new-2025".into()],
            notes: Some("say \"hi\"".into()),
            owner: "Boris".into(),
            created_at: "03.03.2025".into(),
            ..Default::default()
        },
    ]
}
