//! The goal prompt (`d`): a date to be done by, for the whole roadmap or
//! one level, typed as `YYYY-MM-DD`. Its own keys: digits and `-` type
//! (over the goal it opened with, which is there to be changed),
//! `Backspace` deletes, `Ctrl-U` empties, `Tab` / `Shift-Tab` choose what
//! the goal is for (a date typed stays), `Enter` saves (an empty date
//! removes the goal), `Esc` cancels. A date that is no date, or one in
//! the past, keeps the prompt open and says why. Pure: saving is the
//! runner's ([`crate::tui::effect::Effect`]).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::calendar;

/// `YYYY-MM-DD`.
const DATE_LENGTH: usize = 10;

/// The prompt's state.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalPrompt {
    /// What the goal is for: 0 the whole roadmap, `n` the `n`th level.
    pub target: usize,
    /// The date as typed so far.
    pub text: String,
    /// Why the last `Enter` saved nothing.
    pub error: Option<String>,
    /// The text is the target's goal as it is, not typed: the first key
    /// typed replaces it, and another target shows its own.
    pub untouched: bool,
}

/// What a key did to the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalAnswer {
    Stay,
    Cancel,
    /// Save this goal (a day; `None` removes it) for the target.
    Save(Option<i64>),
}

impl GoalPrompt {
    /// For `target`, whose goal is `current`.
    pub fn new(target: usize, current: Option<i64>) -> GoalPrompt {
        GoalPrompt {
            target,
            text: current.map(calendar::iso).unwrap_or_default(),
            error: None,
            untouched: true,
        }
    }

    /// Takes `key`, with `targets` to choose from (the roadmap and its
    /// levels) on day `today`. `goal_of` gives each target's goal, put in
    /// the field when the target changes.
    pub fn key(
        &mut self,
        key: KeyEvent,
        targets: usize,
        today: i64,
        goal_of: impl Fn(usize) -> Option<i64>,
    ) -> GoalAnswer {
        let targets = targets.max(1);
        match key.code {
            KeyCode::Esc => return GoalAnswer::Cancel,
            KeyCode::Enter => return self.submit(today),
            KeyCode::Tab => self.choose((self.target + 1) % targets, &goal_of),
            KeyCode::BackTab => self.choose((self.target + targets - 1) % targets, &goal_of),
            KeyCode::Backspace => {
                self.text.pop();
                self.untouched = false;
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text.clear();
                self.untouched = false;
            }
            KeyCode::Char(c)
                if (c.is_ascii_digit() || c == '-')
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                if self.untouched {
                    self.text.clear();
                    self.untouched = false;
                }
                if self.text.len() < DATE_LENGTH {
                    self.text.push(c);
                }
            }
            _ => return GoalAnswer::Stay,
        }
        self.error = None;
        GoalAnswer::Stay
    }

    /// Another target: its own goal shows, unless a date was typed.
    fn choose(&mut self, target: usize, goal_of: &impl Fn(usize) -> Option<i64>) {
        self.target = target;
        if self.untouched {
            self.text = goal_of(target).map(calendar::iso).unwrap_or_default();
        }
    }

    fn submit(&mut self, today: i64) -> GoalAnswer {
        if self.text.is_empty() {
            return GoalAnswer::Save(None);
        }
        match calendar::parse_date(&self.text) {
            Ok(day) if day < today => {
                self.error = Some(format!("{} is past: a goal is a day to come", self.text));
            }
            Ok(day) => return GoalAnswer::Save(Some(day)),
            Err(why) => self.error = Some(format!("{} {why}", self.text)),
        }
        GoalAnswer::Stay
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 20_789; // 2026-12-02

    fn press(prompt: &mut GoalPrompt, keys: &str) -> GoalAnswer {
        let mut answer = GoalAnswer::Stay;
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                '\u{8}' => KeyCode::Backspace,
                '\u{1b}' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            let goals = |target| (target == 2).then_some(TODAY + 30);
            answer = prompt.key(KeyEvent::new(code, KeyModifiers::NONE), 3, TODAY, goals);
        }
        answer
    }

    #[test]
    fn a_date_typed_is_saved_and_an_empty_one_removes_the_goal() {
        let mut prompt = GoalPrompt::new(1, None);
        assert_eq!(press(&mut prompt, "2027-x03-01"), GoalAnswer::Stay);
        assert_eq!(prompt.text, "2027-03-01", "only digits and dashes type");
        assert_eq!(press(&mut prompt, "9"), GoalAnswer::Stay);
        assert_eq!(prompt.text, "2027-03-01", "no more than a date");
        assert_eq!(
            press(&mut prompt, "\n"),
            GoalAnswer::Save(calendar::parse_date("2027-03-01").ok())
        );
        let mut prompt = GoalPrompt::new(0, Some(TODAY + 3));
        assert_eq!(prompt.text, "2026-12-05", "the goal there is, to change");
        assert_eq!(press(&mut prompt, "2027"), GoalAnswer::Stay);
        assert_eq!(prompt.text, "2027", "typing replaces it");
        let mut prompt = GoalPrompt::new(0, Some(TODAY + 3));
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        prompt.key(ctrl_u, 3, TODAY, |_| None);
        assert_eq!(press(&mut prompt, "\n"), GoalAnswer::Save(None), "emptied");
    }

    #[test]
    fn a_wrong_or_past_date_stays_with_a_reason_and_tab_chooses_the_target() {
        let mut prompt = GoalPrompt::new(0, None);
        assert_eq!(press(&mut prompt, "2027-02-30\n"), GoalAnswer::Stay);
        assert_eq!(
            prompt.error.as_deref(),
            Some("2027-02-30 is no day of the calendar")
        );
        press(&mut prompt, "\u{8}");
        assert_eq!(prompt.error, None, "typing clears the reason");
        let mut past = GoalPrompt::new(0, None);
        assert_eq!(press(&mut past, "2026-12-01\n"), GoalAnswer::Stay);
        assert!(past.error.as_deref().unwrap().contains("is past"));
        assert_eq!(press(&mut past, "\t\t"), GoalAnswer::Stay);
        assert_eq!(past.target, 2);
        assert_eq!(past.text, "2026-12-01", "a date typed stays");
        let mut browsing = GoalPrompt::new(0, None);
        press(&mut browsing, "\t\t");
        assert_eq!(browsing.text, "2027-01-01", "the second level's goal");
        press(&mut browsing, "\t");
        assert_eq!((browsing.target, browsing.text.as_str()), (0, ""));
        assert_eq!(press(&mut past, "\u{1b}"), GoalAnswer::Cancel);
    }
}
