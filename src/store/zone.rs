//! Time zones as stored: by their IANA name.

use chrono_tz::Tz;

/// The zone of a stored name; a name this build does not know is no zone (the default).
pub(super) fn zone(name: Option<String>) -> Option<Tz> {
    name.and_then(|name| name.parse().ok())
}
