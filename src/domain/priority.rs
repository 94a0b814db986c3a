//! How urgent a contact or a task is.

use super::input_error::InputError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Low,
    Normal,
    High,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Low, Priority::Normal, Priority::High];

    /// Reads the English or Russian name, or the number 1 (low) to 3 (high).
    pub fn parse(input: &str) -> Result<Self, InputError> {
        match input.trim().to_lowercase().as_str() {
            "low" | "низкий" | "1" => Ok(Priority::Low),
            "normal" | "обычный" | "2" => Ok(Priority::Normal),
            "high" | "высокий" | "3" => Ok(Priority::High),
            _ => Err(InputError::PriorityInvalid),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_in_both_languages_and_numbers() {
        for (input, expected) in [
            ("low", Priority::Low),
            (" Низкий ", Priority::Low),
            ("1", Priority::Low),
            ("NORMAL", Priority::Normal),
            ("обычный", Priority::Normal),
            ("2", Priority::Normal),
            ("High", Priority::High),
            ("ВЫСОКИЙ", Priority::High),
            ("3", Priority::High),
        ] {
            assert_eq!(Priority::parse(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn refuses_anything_else() {
        for bad in ["", "0", "4", "urgent", "высокая", "1.0"] {
            assert_eq!(
                Priority::parse(bad),
                Err(InputError::PriorityInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn stored_name_reads_back_and_orders_by_urgency() {
        for priority in [Priority::Low, Priority::Normal, Priority::High] {
            assert_eq!(Priority::parse(priority.as_str()), Ok(priority));
        }
        assert!(Priority::Low < Priority::Normal && Priority::Normal < Priority::High);
    }
}
