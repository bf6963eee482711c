//! The terminal the app runs in, and the signals that concern it: taking
//! it over (raw mode, the alternate screen, the mouse), handing it back
//! (on quit, for the editor, for `Ctrl-Z`, on a signal, on a panic), and
//! taking it back again with the whole screen redrawn.
//!
//! Owns every escape sequence that changes the terminal's mode; never
//! draws a frame (that is `ui`) nor decides what a key means (that is
//! the app).

use std::io::{self, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context as _, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{cursor, event, execute, terminal as term};

/// The full screen. Output is buffered for a whole frame, so a frame
/// reaches the terminal in one write rather than in the 1 KiB pieces of
/// the standard output's own buffer: fewer system calls, and the terminal
/// never shows half a frame.
pub type Screen = Terminal<CrosstermBackend<io::BufWriter<io::Stdout>>>;

/// Bytes of output buffered: more than a full frame of a large terminal.
const FRAME_BUFFER_BYTES: usize = 1 << 18;

/// What `ratatui::try_init` does, with the frame buffer: raw mode, the
/// alternate screen, and a panic hook that gives the terminal back before
/// the panic message prints.
pub fn start(mouse: bool) -> io::Result<Screen> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore(mouse);
        hook(info);
    }));
    term::enable_raw_mode()?;
    execute!(io::stdout(), term::EnterAlternateScreen)?;
    if mouse {
        // Without it the keys still work: not a reason to stop.
        let _ = execute!(io::stdout(), event::EnableMouseCapture);
    }
    let output = io::BufWriter::with_capacity(FRAME_BUFFER_BYTES, io::stdout());
    Terminal::new(CrosstermBackend::new(output))
}

/// Gives the terminal back as it was: mouse released, the main screen,
/// the cursor shown, raw mode off. Every step is tried whatever the
/// others did (after a hangup they all fail); the first failure is
/// returned.
pub fn restore(mouse: bool) -> Result<()> {
    let mut out = io::stdout();
    let mouse_off = if mouse {
        execute!(out, event::DisableMouseCapture)
    } else {
        Ok(())
    };
    let screen = execute!(out, term::LeaveAlternateScreen, cursor::Show);
    let raw = term::disable_raw_mode();
    let _ = out.flush();
    raw.and(screen)
        .and(mouse_off)
        .context("cannot restore the terminal")
}

/// Hands the terminal back to the shell's normal state while `run` runs
/// (the editor), then takes it again and redraws it whole. The screen is
/// taken back even when `run` failed; only failing to take it back is an
/// error.
pub fn handed_over<T>(screen: &mut Screen, mouse: bool, run: impl FnOnce() -> T) -> Result<T> {
    screen.backend_mut().flush()?;
    // Best effort: an editor can run on a terminal half handed over.
    let _ = restore(mouse);
    let result = run();
    take_back(screen, mouse)?;
    Ok(result)
}

/// `Ctrl-Z` or a `SIGTSTP`: gives the terminal back, stops the process as
/// the shell expects, and once continued (`fg`) takes the terminal back
/// with the whole screen redrawn.
pub fn suspend(screen: &mut Screen, mouse: bool, signals: &Signals) -> Result<()> {
    screen.backend_mut().flush()?;
    let _ = restore(mouse);
    signals.stop_here();
    take_back(screen, mouse)
}

/// Takes the terminal again after someone else had it (the editor, the
/// shell while stopped): raw mode, the alternate screen cleared, the
/// mouse, and both frame buffers blank so the next frame is drawn whole.
pub fn take_back(screen: &mut Screen, mouse: bool) -> Result<()> {
    let taking_back = "cannot take the terminal back";
    // crossterm remembers raw mode as on, but whoever had the terminal
    // (the shell after a `SIGSTOP`) may have reset it: set it afresh. In
    // the background this stops us (`SIGTTOU`) until the shell's `fg`.
    let _ = term::disable_raw_mode();
    term::enable_raw_mode().context(taking_back)?;
    execute!(
        io::stdout(),
        term::EnterAlternateScreen,
        term::Clear(term::ClearType::All)
    )
    .context(taking_back)?;
    if mouse {
        execute!(io::stdout(), event::EnableMouseCapture).context(taking_back)?;
    }
    // (`Terminal::clear` would ask the terminal where its cursor is,
    // which not every terminal answers.)
    screen.swap_buffers();
    Ok(())
}

/// What a signal asks of the event loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// `SIGTERM`, `SIGHUP`, `SIGINT` or `SIGQUIT` (its number): save, give
    /// the terminal back, and exit with 128 + the number.
    End(i32),
    /// `SIGTSTP`: suspend as `Ctrl-Z` does.
    Stop,
    /// `SIGCONT` after something else stopped the process (`SIGSTOP`):
    /// the terminal may have been reset meanwhile, so take it back.
    Continued,
}

/// The signals the app handles, noted by their handlers and taken by the
/// event loop between events. Each handler also raises `SIGWINCH`, which
/// crossterm's event reader turns into a resize event, so a loop blocked
/// waiting for a key wakes at once rather than polling on a timer.
#[derive(Debug)]
pub struct Signals {
    end: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    continued: Arc<AtomicBool>,
}

impl Signals {
    /// Installs the handlers. Until then (and where there are no
    /// signals) every signal keeps its default action.
    #[cfg(unix)]
    pub fn install() -> io::Result<Signals> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
        use signal_hook::{flag, low_level};
        let signals = Signals {
            end: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
            continued: Arc::new(AtomicBool::new(false)),
        };
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            flag::register_usize(signal, Arc::clone(&signals.end), signal as usize)?;
        }
        flag::register(SIGTSTP, Arc::clone(&signals.stop))?;
        flag::register(SIGCONT, Arc::clone(&signals.continued))?;
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT] {
            // SAFETY: the action only calls raise(3), which is
            // async-signal-safe, and touches no memory.
            unsafe {
                low_level::register(signal, || {
                    let _ = low_level::raise(SIGWINCH);
                })?;
            }
        }
        Ok(signals)
    }

    #[cfg(not(unix))]
    pub fn install() -> io::Result<Signals> {
        Ok(Signals {
            end: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
            continued: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The most urgent signal that arrived since the last call, if any.
    pub fn take(&self) -> Option<Signal> {
        match self.end.load(Ordering::SeqCst) {
            0 => {}
            signal => return Some(Signal::End(signal as i32)),
        }
        if self.stop.swap(false, Ordering::SeqCst) {
            return Some(Signal::Stop);
        }
        if self.continued.swap(false, Ordering::SeqCst) {
            return Some(Signal::Continued);
        }
        None
    }

    /// Whether a signal arrived that [`Signals::take`] has not taken.
    pub fn pending(&self) -> bool {
        self.end.load(Ordering::SeqCst) != 0
            || self.stop.load(Ordering::SeqCst)
            || self.continued.load(Ordering::SeqCst)
    }

    /// Forgets the ending signal that arrived, so a second one can be told.
    pub fn forget_end(&self) {
        self.end.store(0, Ordering::SeqCst);
    }

    /// Forgets a `SIGINT` that arrived while the editor had the terminal:
    /// `Ctrl-C` typed there was meant for the editor, not for us.
    pub fn forget_interrupt(&self) {
        #[cfg(unix)]
        {
            let _ = self.end.compare_exchange(
                signal_hook::consts::SIGINT as usize,
                0,
                Ordering::SeqCst,
                Ordering::SeqCst,
            );
        }
    }

    /// Stops the process as the default action of `SIGTSTP` would, and
    /// returns once it is continued.
    fn stop_here(&self) {
        #[cfg(unix)]
        {
            let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
            // The `SIGCONT` that woke us is this suspend's own.
            self.continued.store(false, Ordering::SeqCst);
        }
    }
}
