//! The costs of a keystroke, piece by piece, on the bundled roadmap and a
//! generated 100,000-item one: building the visible rows, drawing one frame
//! to a `TestBackend`, carrying out a key (move, open, toggle, tab switch)
//! and redrawing, and setting up the app. A keystroke on the large roadmap
//! should cost about what it costs on the bundled one: only what is on
//! screen is drawn. Run with `cargo bench --bench view`.

#[path = "support/generate.rs"]
mod generate;

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use roadmap::domain::roadmap::Roadmap;
use roadmap::format::roadmap::load;
use roadmap::io::bundled;
use roadmap::io::store::Store;
use roadmap::tui::action::Action;
use roadmap::tui::runner::Runner;
use roadmap::tui::tree::TreeState;
use roadmap::tui::view;

fn main() {
    divan::main();
}

const SIZES: &[&str] = &["bundled", "100k"];
const SCREEN: Rect = Rect::new(0, 0, 120, 40);

fn roadmap(size: &str) -> Roadmap {
    match size {
        "100k" => load::parse(
            &generate::roadmap_yaml(generate::Shape::LARGE),
            "large.yaml",
            "large",
        )
        .expect("a valid generated roadmap"),
        _ => bundled::default().load().expect("the bundled roadmap"),
    }
}

fn app(size: &str) -> Runner {
    let mut app = Runner::new(roadmap(size), Store::in_memory()).with_clock(|| 1);
    app.fit_to(SCREEN);
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(SCREEN.width, SCREEN.height)).expect("a test terminal")
}

/// The rows a screen shows, with every topic of the first level open and
/// the view scrolled to the middle: the outline's work per frame.
#[divan::bench(args = SIZES)]
fn visible_rows(bencher: Bencher, size: &str) {
    let roadmap = roadmap(size);
    let counts = roadmap.levels[0]
        .topics
        .iter()
        .map(|topic| topic.items.len())
        .collect();
    let mut tree = TreeState::new(counts);
    for _ in 0..roadmap.levels[0].topics.len() {
        tree.expand();
        tree.move_by(1);
        tree.move_by(1);
    }
    tree.move_by(-(tree.len() as isize) / 2);
    tree.scroll_to_selection(38);
    bencher.bench_local(|| tree.rows_from(tree.offset()).take(38).count());
}

/// One whole frame, 120x40, drawn to a `TestBackend`.
#[divan::bench(args = SIZES)]
fn render_frame(bencher: Bencher, size: &str) {
    let app = app(size);
    let mut terminal = terminal();
    bencher.bench_local(|| {
        terminal
            .draw(|frame| {
                view::draw(frame, &app);
            })
            .expect("draw")
            .area
    });
}

/// What the event loop does for one key: carry out the action and its
/// effects, and draw the frame. Each key alternates with the one that
/// undoes it, so every sample starts from the same state.
fn keystroke(bencher: Bencher, size: &str, key: Action, back: Action) {
    let mut app = Runner::new(roadmap(size), Store::in_memory()).with_clock(|| 1);
    // On an item of an open topic, so a toggle ticks one item.
    app.update(Action::Expand);
    app.update(Action::Expand);
    let mut terminal = terminal();
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        app.update(if flip { key } else { back });
        terminal.draw(|frame| app.draw(frame)).expect("draw").area
    });
}

/// `j` / `k`.
#[divan::bench(args = SIZES)]
fn key_move(bencher: Bencher, size: &str) {
    keystroke(bencher, size, Action::Down, Action::Up);
}

/// `Enter` on an item: its topic closes, then opens.
#[divan::bench(args = SIZES)]
fn key_open(bencher: Bencher, size: &str) {
    keystroke(bencher, size, Action::Toggle, Action::Toggle);
}

/// `Space`: tick done, then untick (saved to an in-memory store).
#[divan::bench(args = SIZES)]
fn key_toggle(bencher: Bencher, size: &str) {
    keystroke(bencher, size, Action::ToggleDone, Action::ToggleDone);
}

/// `Tab` / `Shift-Tab`.
#[divan::bench(args = SIZES)]
fn key_tab(bencher: Bencher, size: &str) {
    keystroke(bencher, size, Action::NextLevel, Action::PrevLevel);
}

/// Setting up the app on a loaded roadmap (indexes, counts, trees).
#[divan::bench(args = SIZES, sample_count = 20)]
fn app_new(bencher: Bencher, size: &str) {
    let roadmap = roadmap(size);
    bencher
        .with_inputs(|| roadmap.clone())
        .bench_local_values(|roadmap| Runner::new(roadmap, Store::in_memory()));
}
