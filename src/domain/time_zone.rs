//! A time zone as people type it: an IANA name ("Europe/Moscow"), a city in English or Russian
//! ("Novosibirsk", "Москва", "Нью-Йорк"), or an offset from UTC ("UTC+3", "GMT-5", "+03:00").

use super::input_error::InputError;
use chrono_tz::{TZ_VARIANTS, Tz};

/// Russian names of the cities people most often mean, with their zones.
const RUSSIAN_CITIES: &[(&str, &str)] = &[
    ("москва", "Europe/Moscow"),
    ("санкт-петербург", "Europe/Moscow"),
    ("петербург", "Europe/Moscow"),
    ("питер", "Europe/Moscow"),
    ("калининград", "Europe/Kaliningrad"),
    ("самара", "Europe/Samara"),
    ("казань", "Europe/Moscow"),
    ("нижний новгород", "Europe/Moscow"),
    ("екатеринбург", "Asia/Yekaterinburg"),
    ("челябинск", "Asia/Yekaterinburg"),
    ("пермь", "Asia/Yekaterinburg"),
    ("уфа", "Asia/Yekaterinburg"),
    ("омск", "Asia/Omsk"),
    ("новосибирск", "Asia/Novosibirsk"),
    ("красноярск", "Asia/Krasnoyarsk"),
    ("иркутск", "Asia/Irkutsk"),
    ("якутск", "Asia/Yakutsk"),
    ("владивосток", "Asia/Vladivostok"),
    ("хабаровск", "Asia/Vladivostok"),
    ("магадан", "Asia/Magadan"),
    ("камчатка", "Asia/Kamchatka"),
    ("петропавловск-камчатский", "Asia/Kamchatka"),
    ("минск", "Europe/Minsk"),
    ("киев", "Europe/Kyiv"),
    ("алматы", "Asia/Almaty"),
    ("астана", "Asia/Almaty"),
    ("ташкент", "Asia/Tashkent"),
    ("тбилиси", "Asia/Tbilisi"),
    ("ереван", "Asia/Yerevan"),
    ("баку", "Asia/Baku"),
    ("берлин", "Europe/Berlin"),
    ("лондон", "Europe/London"),
    ("париж", "Europe/Paris"),
    ("дубай", "Asia/Dubai"),
    ("стамбул", "Europe/Istanbul"),
    ("нью-йорк", "America/New_York"),
];

/// The zone `text` names, or why it was refused.
pub fn parse_time_zone(text: &str) -> Result<Tz, InputError> {
    let text = text.trim();
    if let Ok(zone) = text.parse::<Tz>() {
        return Ok(zone);
    }
    let lower = text.to_lowercase();
    if let Some((_, name)) = RUSSIAN_CITIES.iter().find(|(city, _)| *city == lower) {
        return name.parse().map_err(|_| InputError::TimeZoneInvalid);
    }
    // An English city: the last part of an IANA name ("new york" → America/New_York).
    let city = lower.replace([' ', '-'], "_");
    if let Some(zone) = TZ_VARIANTS.iter().find(|zone| {
        zone.name()
            .rsplit('/')
            .next()
            .is_some_and(|last| last.to_lowercase() == city)
    }) {
        return Ok(*zone);
    }
    offset_zone(&lower).ok_or(InputError::TimeZoneInvalid)
}

/// How a zone is shown: its name, or "UTC+3" for the offset zones (whose `Etc/GMT-3` names
/// read the wrong way round).
pub fn time_zone_label(zone: Tz) -> String {
    match zone.name().strip_prefix("Etc/GMT") {
        Some(offset) if !offset.is_empty() => {
            let flipped = match offset.strip_prefix('-') {
                Some(hours) => format!("+{hours}"),
                None => format!("-{}", offset.trim_start_matches('+')),
            };
            format!("UTC{flipped}")
        }
        _ => zone.name().to_owned(),
    }
}

/// "utc+3", "gmt-5", "+03:00", "+3": a whole-hour offset as its `Etc/GMT` zone (whose sign is
/// the other way round by the tz database's convention).
fn offset_zone(text: &str) -> Option<Tz> {
    let rest = text
        .strip_prefix("utc")
        .or_else(|| text.strip_prefix("gmt"))
        .unwrap_or(text)
        .trim();
    let (sign, digits) = match rest.chars().next()? {
        '+' => (1, &rest[1..]),
        '-' | '−' => (-1, &rest[rest.chars().next()?.len_utf8()..]),
        _ => return None,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((hours, minutes)) => (hours, minutes),
        None => (digits, "0"),
    };
    let hours: i32 = hours.trim().parse().ok()?;
    let minutes: i32 = minutes.trim().parse().ok()?;
    if minutes != 0 || !(0..=14).contains(&hours) {
        return None;
    }
    let name = match sign * hours {
        0 => "Etc/UTC".to_owned(),
        offset => format!("Etc/GMT{:+}", -offset),
    };
    name.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_read_by_name_city_and_offset() {
        let zone = |text: &str| parse_time_zone(text).map(|zone| zone.name().to_owned());
        assert_eq!(zone("Europe/Moscow").as_deref(), Ok("Europe/Moscow"));
        assert_eq!(zone("Москва").as_deref(), Ok("Europe/Moscow"));
        assert_eq!(zone("новосибирск").as_deref(), Ok("Asia/Novosibirsk"));
        assert_eq!(zone("Novosibirsk").as_deref(), Ok("Asia/Novosibirsk"));
        assert_eq!(zone("Berlin").as_deref(), Ok("Europe/Berlin"));
        assert_eq!(zone("new york").as_deref(), Ok("America/New_York"));
        assert_eq!(zone("UTC+3").as_deref(), Ok("Etc/GMT-3"));
        assert_eq!(zone("GMT-5").as_deref(), Ok("Etc/GMT+5"));
        assert_eq!(zone("+03:00").as_deref(), Ok("Etc/GMT-3"));
        assert_eq!(zone("UTC+0").as_deref(), Ok("Etc/UTC"));
        assert_eq!(zone("Atlantis"), Err(InputError::TimeZoneInvalid));
        assert_eq!(zone("UTC+5:30"), Err(InputError::TimeZoneInvalid));
        assert_eq!(zone("UTC+20"), Err(InputError::TimeZoneInvalid));
        assert_eq!(zone(""), Err(InputError::TimeZoneInvalid));
        let label = |text: &str| time_zone_label(parse_time_zone(text).unwrap());
        assert_eq!(label("UTC+3"), "UTC+3");
        assert_eq!(label("GMT-5"), "UTC-5");
        assert_eq!(label("Москва"), "Europe/Moscow");
    }
}
