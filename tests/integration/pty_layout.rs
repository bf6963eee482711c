//! The real binary in a pseudo-terminal, looked at as a user sees it: the
//! panes stay where they are while moving, and the reading view brings
//! the details to a screen too small for their pane. Waits are deadlines
//! for what is awaited to show, never timing measurements.

use crate::pty::Tui;
use crate::support::Home;

/// Rows of the tree's pane, borders included: from the screen's first
/// line that opens a box to the first that closes one.
fn tree_pane_height(screen: &str) -> usize {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines.iter().position(|line| line.starts_with('┌'));
    let bottom = lines.iter().position(|line| line.starts_with('└'));
    match (top, bottom) {
        (Some(top), Some(bottom)) if bottom > top => bottom - top + 1,
        _ => panic!("no tree pane on screen:\n{screen}"),
    }
}

/// The first line of text in the details pane: the selection's title.
fn details_title(screen: &str) -> Option<String> {
    let mut lines = screen
        .lines()
        .skip_while(|line| !line.contains("┌ Details"));
    lines.next()?;
    let line = lines.next()?;
    Some(
        line.trim_matches(|c: char| c == '│' || c.is_whitespace() || c == '█' || c == '║')
            .to_owned(),
    )
}

#[test]
fn the_tree_keeps_its_height_while_moving_at_80x24() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("1 Beginner 0%");
    tui.send("\r");
    tui.wait_for("[ ] Foundational Concepts");
    let before = tree_pane_height(&tui.screen());
    // Items and topics whose details are one line, several, or longer
    // than the pane: the old layout gave the tree 14, 9, 7, 9, 14 rows.
    let selections = [
        "Foundational Concepts",
        "Coding Standards and Best Practices",
        "Command Line and Scripting",
        "Database Management",
        "Version Control and Collaboration",
        "Python Knowledge",
    ];
    let mut heights = Vec::new();
    for title in selections {
        tui.send("j");
        tui.wait_until(&format!("{title} in the details"), |screen| {
            details_title(screen).as_deref() == Some(title)
        });
        heights.push(tree_pane_height(&tui.screen()));
    }
    assert_eq!(heights, vec![before; selections.len()], "{}", tui.screen());
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn the_reading_view_shows_an_items_details_at_50x15_and_closes() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &[]);
    tui.resize(50, 15);
    tui.wait_for("v details");
    assert!(!tui.screen().contains("┌ Details"), "{}", tui.screen());
    // Database Management, opened, and its first item.
    tui.send("j\rj");
    tui.wait_for("[ ] Database Basics");
    tui.send("v");
    tui.wait_for("Learn what tables, rows");
    let screen = tui.screen();
    assert!(screen.contains("Database Basics"), "{screen}");
    assert!(screen.contains("Esc/q close"), "{screen}");
    assert!(
        !screen.contains("[ ] Database Basics"),
        "the tree is covered: {screen}"
    );
    // Its links are further down: the view scrolls to them.
    tui.send("G");
    tui.wait_for("https://www.sqlite.org/lang.html");
    // q closes it (the app goes on), as Esc does.
    tui.send("q");
    tui.wait_until("the tree back", |screen| {
        screen.contains("[ ] Database Basics") && !screen.contains("Learn what tables")
    });
    tui.send("v");
    tui.wait_for("Learn what tables, rows");
    tui.send("\x1b");
    tui.wait_until("the tree back after Esc", |screen| {
        screen.contains("[ ] Database Basics") && !screen.contains("Learn what tables")
    });
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}
