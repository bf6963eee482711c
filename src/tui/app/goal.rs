//! Goals in the app (`d`): opening the goal prompt for the shown level,
//! or from the progress view for the whole roadmap; its keys; and what
//! saving the goal came to. The prompt's own rules are
//! [`super::goal_prompt`]'s; saving is the runner's.

use crossterm::event::KeyEvent;

use crate::domain::calendar;
use crate::tui::app::App;
use crate::tui::app::goal_prompt::{GoalAnswer, GoalPrompt};
use crate::tui::app::overlay::{Overlay, ProgressView};
use crate::tui::effect::Effect;

impl App {
    /// Opens the goal prompt for `target` (0: the roadmap, `n`: the `n`th
    /// level), from the progress view `from` if it was open.
    pub(super) fn ask_for_goal(&mut self, target: usize, from: Option<ProgressView>) {
        let prompt = GoalPrompt::new(target, self.goal_of(target));
        self.overlay = Some(Overlay::Goal { prompt, from });
    }

    /// A key in the goal prompt.
    pub(super) fn goal_key(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        let Some(Overlay::Goal { mut prompt, from }) = self.overlay.take() else {
            return;
        };
        let targets = 1 + self.roadmap().levels.len();
        let today = calendar::day(self.now());
        match prompt.key(key, targets, today, |target| self.goal_of(target)) {
            GoalAnswer::Stay => self.overlay = Some(Overlay::Goal { prompt, from }),
            GoalAnswer::Cancel => {
                self.overlay = from.map(Overlay::Progress);
                self.flash = Some("Cancelled: the goal is as it was".to_owned());
            }
            GoalAnswer::Save(by) => {
                self.overlay = from.map(Overlay::Progress);
                effects.push(Effect::SaveGoal {
                    target: self.target_id(prompt.target).to_owned(),
                    by,
                });
            }
        }
    }

    /// What came of saving the goal of `target`.
    pub(super) fn goal_saved(&mut self, target: &str, by: Option<i64>, result: Result<(), String>) {
        let name = self.target_name(target);
        let level = self
            .roadmap()
            .levels
            .iter()
            .position(|l| l.id == target)
            .filter(|_| !target.is_empty());
        match result {
            Ok(()) => {
                self.session.set_goal(target, by);
                if let Some(Overlay::Progress(view)) = &mut self.overlay {
                    view.recount(&self.session, (self.clock)());
                }
                let plan = self.session.plan(level, self.now());
                self.flash = Some(match plan.goal_sentence() {
                    Some(goal) => format!("Goal for {name}: {goal}"),
                    None => format!("No goal for {name} now"),
                });
            }
            // Asked again, as typed, with the reason: Enter tries again.
            Err(err) => {
                let from = match self.overlay.take() {
                    Some(Overlay::Progress(view)) => Some(view),
                    other => {
                        self.overlay = other;
                        None
                    }
                };
                let mut prompt = GoalPrompt::new(level.map_or(0, |index| index + 1), by);
                prompt.untouched = false;
                prompt.error = Some(format!("not saved: {err}"));
                self.overlay = Some(Overlay::Goal { prompt, from });
            }
        }
    }

    /// The goal of `target` (0: the roadmap, `n`: the `n`th level).
    fn goal_of(&self, target: usize) -> Option<i64> {
        self.session.progress().goal(self.target_id(target))
    }

    /// What goals of `target` are kept under: `""`, or the level's id.
    fn target_id(&self, target: usize) -> &str {
        match target.checked_sub(1) {
            None => "",
            Some(level) => self
                .roadmap()
                .levels
                .get(level)
                .map_or("", |level| level.id.as_str()),
        }
    }

    /// How a target is named: the roadmap's title, or a level's.
    fn target_name(&self, target: &str) -> String {
        let roadmap = self.roadmap();
        match roadmap.levels.iter().find(|level| level.id == target) {
            Some(level) if !target.is_empty() => level.title.clone(),
            _ => roadmap.title.clone(),
        }
    }
}
