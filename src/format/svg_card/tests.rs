use super::*;
use crate::domain::progress::{Progress, Status};
use crate::domain::safe_text::is_unsafe;
use crate::domain::session::Session;
use crate::format::roadmap::load::parse;

const DAY: u64 = 86_400;
/// 2026-11-18, a Wednesday, 12:00 UTC.
const NOW: u64 = 1_794_960_000 + 12 * 3600;
const SVG_NS: &str = "http://www.w3.org/2000/svg";

const YAML: &str = "\
title: Backend Basics
id: bb
levels:
  - title: Beginner
    topics:
      - {title: Web, items: [HTTP, DNS, TLS]}
      - {title: Data, items: [SQL, Indexes]}
  - title: Intermediate
    topics:
      - {title: Ops, items: [Docker, CI, Logs, Metrics]}
  - title: Advanced
    topics:
      - {title: Scale, items: [Caching, Queues, Sharding]}
";

/// Six items done (today, twice yesterday, two, nine and forty days
/// ago), one in progress, one skipped; the activity as the progress view
/// counts it.
fn state() -> (Summary, Activity) {
    let roadmap = parse(YAML, "bb.yaml", "bb").unwrap();
    let mut progress = Progress::default();
    for (key, days_ago) in [
        ("beginner/web/http", 0),
        ("beginner/web/dns", 1),
        ("beginner/data/sql", 1),
        ("intermediate/ops/docker", 2),
        ("beginner/web/tls", 9),
        ("intermediate/ops/ci", 40),
    ] {
        progress.set(key, Status::Done, NOW - days_ago * DAY);
    }
    progress.set("intermediate/ops/logs", Status::InProgress, NOW);
    progress.set("advanced/scale/queues", Status::Skipped, NOW);
    let summary = Summary::new(&roadmap, &progress, NOW);
    let session = Session::new(roadmap, progress);
    let activity = Activity::from_completions(session.completions(), NOW);
    (summary, activity)
}

fn document(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|err| panic!("{err}\n{svg}"))
}

/// Fails on anything in `svg` that could run, fetch, link or style from
/// outside: checked on the parsed tree, every element and attribute, and
/// on the markup for what a tree would hide (a doctype's entities).
fn assert_inert(svg: &str) {
    let doc = document(svg);
    let allowed = ["svg", "title", "style", "rect", "text"];
    for node in doc.root().descendants() {
        assert!(!node.is_pi(), "a processing instruction: {node:?}");
        if node.is_text() && node.parent().is_some_and(|p| p.has_tag_name("style")) {
            let css = node.text().unwrap_or_default().to_ascii_lowercase();
            for needle in ["@import", "url(", "@font-face", "expression(", "<"] {
                assert!(!css.contains(needle), "{needle} in the style");
            }
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name();
        assert_eq!(name.namespace(), Some(SVG_NS), "{name:?}");
        assert!(allowed.contains(&name.name()), "element {name:?}");
        for attr in node.attributes() {
            let key = attr.name().to_ascii_lowercase();
            let value = attr.value().to_ascii_lowercase();
            assert_eq!(attr.namespace(), None, "{key}: no xlink or other namespace");
            assert!(!key.starts_with("on"), "handler {key}");
            assert!(!key.contains("href") && key != "src", "link {key}");
            assert!(key != "style", "inline style on {name:?}");
            for needle in ["url(", "javascript:", "data:"] {
                assert!(!value.contains(needle), "{key}={value}");
            }
        }
    }
    for needle in [
        "<!DOCTYPE",
        "<!ENTITY",
        "<?xml-stylesheet",
        "<script",
        "<a ",
        "<image",
    ] {
        assert!(!svg.contains(needle), "{needle} in\n{svg}");
    }
}

/// Every `<text>` in order: its font size and what it reads.
fn texts(svg: &str) -> Vec<(u32, String)> {
    document(svg)
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .map(|node| {
            let size = node.attribute("font-size").unwrap().parse().unwrap();
            (size, node.text().unwrap_or_default().to_owned())
        })
        .collect()
}

/// The first text of `font`'s size.
fn first_of(svg: &str, font: Font) -> String {
    texts(svg)
        .into_iter()
        .find(|(size, _)| *size == font.size)
        .map(|(_, text)| text)
        .unwrap()
}

/// Where the viewport around the first text of `font`'s size ends.
fn clip_end(doc: &roxmltree::Document, font: Font) -> u32 {
    let text = doc
        .descendants()
        .find(|node| node.attribute("font-size") == Some(&*font.size.to_string()))
        .unwrap();
    let clip = text.parent().filter(|p| p.has_tag_name("svg")).unwrap();
    assert_eq!(clip.attribute("overflow"), Some("hidden"));
    let at = |name| clip.attribute(name).unwrap().parse::<u32>().unwrap();
    at("x") + at("width")
}

#[test]
fn the_whole_card_for_a_fixed_state_and_clock() {
    let (summary, activity) = state();
    let svg = card(&summary, &activity);
    assert_eq!(svg, card(&summary, &activity), "the same bytes twice");
    insta::assert_snapshot!("card", svg);
}

#[test]
fn the_card_is_xml_with_nothing_that_runs_fetches_or_links() {
    let (summary, activity) = state();
    let svg = card(&summary, &activity);
    assert_inert(&svg);
    let doc = document(&svg);
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("600"));
    let height = root.attribute("height").unwrap();
    assert_eq!(
        root.attribute("viewBox"),
        Some(&*format!("0 0 600 {height}"))
    );
    let style = doc
        .descendants()
        .find(|node| node.has_tag_name("style"))
        .and_then(|node| node.text())
        .unwrap();
    assert!(style.contains("@media (prefers-color-scheme: dark)"));
    assert!(style.contains("sans-serif"));
}

#[test]
fn it_shows_the_summarys_counts_and_the_activitys_streak_and_date() {
    let (summary, activity) = state();
    assert_eq!(summary.totals.percent, 50, "6 of 12");
    assert_eq!((activity.current_streak, activity.this_week), (3, 4));
    let read: Vec<String> = texts(&card(&summary, &activity))
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    for want in [
        "Backend Basics",
        "50%",
        "6 of 12 items done · 1 in progress · 1 skipped · as of 2026-11-18",
        "3 days",
        "longest 3 days",
        "4 completed",
        "Beginner",
        "4/5 · 80%",
        "Intermediate",
        "2/4 · 50%",
        "Advanced",
        "0/3 · 0%",
    ] {
        assert!(read.iter().any(|text| text == want), "{want:?} in {read:?}");
    }
}

#[test]
fn a_level_bar_is_as_long_as_its_share_done() {
    let (summary, activity) = state();
    let doc_text = card(&summary, &activity);
    let doc = document(&doc_text);
    let widths: Vec<&str> = doc
        .descendants()
        .filter(|node| node.attribute("class") == Some("done"))
        .map(|node| node.attribute("width").unwrap())
        .collect();
    // 4/5 and 2/4 of 552 pixels; nothing drawn for 0/3.
    assert_eq!(widths, ["441", "276"]);
}

#[test]
fn the_heatmap_has_a_square_per_day_through_today_shaded_as_the_app_does() {
    let (summary, activity) = state();
    let svg = card(&summary, &activity);
    let doc = document(&svg);
    let squares: Vec<(u32, u32, &str)> = doc
        .descendants()
        .filter(|node| node.attribute("class").is_some_and(|c| c.starts_with('h')))
        .map(|node| {
            let at = |name| node.attribute(name).unwrap().parse::<u32>().unwrap();
            (at("x"), at("y"), node.attribute("class").unwrap())
        })
        .collect();
    // A square per day of the window, and the legend's five.
    assert_eq!(squares.len(), activity.counts.len() + 5);
    for week in 0..HEATMAP_WEEKS {
        for weekday in 0..7 {
            let at = (GRID_X + week as u32 * STEP, GRID_Y + weekday as u32 * STEP);
            let found = squares.iter().find(|(x, y, _)| (*x, *y) == at);
            match activity.cell(week, weekday) {
                Some(count) => {
                    let class = format!("h{}", activity.shade(count));
                    assert_eq!(found.map(|s| s.2), Some(class.as_str()), "{week}/{weekday}");
                }
                None => assert!(found.is_none(), "a square after today: {week}/{weekday}"),
            }
        }
    }
    // Today, a Wednesday, had one completion; yesterday the busiest, two.
    let today = (GRID_X + 25 * STEP, GRID_Y + 2 * STEP);
    assert!(squares.contains(&(today.0, today.1, "h2")));
    let months: Vec<String> = texts(&svg)
        .into_iter()
        .filter(|(size, text)| *size == SMALL.size && MONTH_NAMES.contains(&text.as_str()))
        .map(|(_, text)| text)
        .collect();
    assert_eq!(months, ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]);
}

#[test]
fn hostile_titles_are_spelled_out_escaped_and_cut_never_markup() {
    let long = "x".repeat(300);
    let wide = "データベース設計と🚀の最適化".repeat(10);
    let cases: [(&str, Option<&str>); 7] = [
        (
            "<script>alert(1)</script>",
            Some("<script>alert(1)</script>"),
        ),
        ("\"&'<>", Some("\"&'<>")),
        (
            "<a href=\"javascript:x\" onclick='y'>go</a>",
            Some("<a href=\"javascript:x\" onclick='y'>go</a>"),
        ),
        ("red \u{1b}[31m alert", Some("red \\x1b[31m alert")),
        ("\u{202e}evil", Some("\\u{202e}evil")),
        (&long, None),
        (&wide, None),
    ];
    let (benign, activity) = state();
    let elements = document(&card(&benign, &activity)).descendants().count();
    for (raw, shown) in cases {
        let mut summary = benign.clone();
        summary.roadmap.title = raw.to_owned();
        summary.levels[0].title = raw.to_owned();
        let svg = card(&summary, &activity);
        assert_inert(&svg);
        let doc = document(&svg);
        assert_eq!(
            doc.descendants().count(),
            elements,
            "no element added: {raw:?}"
        );
        // What reads as text; between elements there are only line breaks.
        for node in doc.descendants().filter(|node| node.is_text()) {
            let text = node.text().unwrap_or_default();
            let parent = node.parent().map(|p| p.tag_name().name());
            match parent {
                Some("text" | "title") => assert!(!text.chars().any(is_unsafe), "{text:?}"),
                Some("style") => {}
                _ => assert!(text.trim().is_empty(), "{text:?}"),
            }
        }
        let title = first_of(&svg, TITLE);
        let level = first_of(&svg, LABEL);
        let head = doc
            .descendants()
            .find(|node| node.has_tag_name("title"))
            .and_then(|node| node.text())
            .unwrap();
        match shown {
            Some(shown) => {
                assert_eq!(title, shown);
                assert_eq!(level, shown);
                assert_eq!(head, format!("{shown}: 50% done"));
            }
            None => {
                assert!(title.ends_with('…') && level.ends_with('…'), "{title}");
                assert!(title.chars().count() < raw.chars().count());
                let raw_start: String = raw.chars().take(10).collect();
                assert!(title.starts_with(&raw_start));
            }
        }
        // Never into the percentage right of it, nor the level's counts:
        // neither by the estimate nor past the viewport clipping it.
        let percent = width_of("50%", PERCENT);
        assert!(width_of(&title, TITLE) + 16 + percent <= CONTENT, "{title}");
        let counts = width_of("4/5 · 80%", NOTE);
        assert!(width_of(&level, LABEL) + 12 + counts <= CONTENT, "{level}");
        assert!(clip_end(&doc, TITLE) + percent <= RIGHT);
        assert!(clip_end(&doc, LABEL) + counts <= RIGHT);
    }
}

#[test]
fn wide_characters_count_as_two_columns() {
    assert_eq!(columns(130, LABEL), 15);
    assert_eq!(width_of("ab", LABEL), width_of("デ", LABEL));
    assert_eq!(width_of("🚀", LABEL), width_of("ab", LABEL));
    let cut = truncate(&"デ".repeat(40), columns(130, LABEL)).into_owned();
    assert_eq!(cut, format!("{}…", "デ".repeat(7)));
}

#[test]
fn many_levels_end_in_a_line_saying_how_many_more() {
    let (mut summary, activity) = state();
    let level = summary.levels[0].clone();
    summary.levels = vec![level; MAX_LEVELS + 6];
    let svg = card(&summary, &activity);
    assert_inert(&svg);
    let read = texts(&svg);
    assert_eq!(read.last().unwrap().1, "and 6 more levels");
    let labels = read.iter().filter(|(_, text)| text == "Beginner").count();
    assert_eq!(labels, MAX_LEVELS);
    let height = LEVELS_Y + (MAX_LEVELS as u32 + 1) * LEVEL_ROW + PAD - 8;
    let doc = document(&svg);
    assert_eq!(
        doc.root_element().attribute("height"),
        Some(&*height.to_string())
    );
}

#[test]
fn huge_figures_shrink_to_their_room_rather_than_run_off_the_card() {
    let (summary, mut activity) = state();
    activity.this_week = u32::MAX;
    activity.current_streak = u32::MAX;
    let svg = card(&summary, &activity);
    for (size, text) in texts(&svg) {
        if text.contains("4294967295") {
            let font = Font { size, ..FIGURE };
            assert!(
                FIGURES_X + width_of(&text, font) <= RIGHT,
                "{text} at {size}"
            );
            assert!(!text.ends_with('…') || size == NOTE.size);
        }
    }
}
