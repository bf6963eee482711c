//! Counts in words: "1 item", "2 items", never "item(s)". One rule for
//! every message of the app and the commands. English only, and no
//! grammar beyond a noun's plural (and a verb's, where the caller spells
//! both out).

/// `n` and `noun`, plural by adding `s`: "1 error", "3 errors".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `n` with `one` or `many`, for words that do not just add `s`:
/// `count_as(2, "change is", "changes are")` is "2 changes are".
pub fn count_as(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "item"), "1 item");
        assert_eq!(count(0, "item"), "0 items");
        assert_eq!(count(2, "error"), "2 errors");
        assert_eq!(count_as(1, "change is", "changes are"), "1 change is");
        assert_eq!(count_as(5, "change is", "changes are"), "5 changes are");
    }
}
