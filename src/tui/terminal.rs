//! The terminal the app runs in, and the signals that concern it: taking
//! it over (raw mode, the alternate screen, the mouse), handing it back
//! (on quit, for the editor, for `Ctrl-Z`, on a signal, on a panic), and
//! taking it back again with the whole screen redrawn; running the editor
//! as the terminal's foreground program (stopped and continued with the
//! app); and surviving a terminal that hangs up.
//!
//! Owns every escape sequence that changes the terminal's mode; never
//! draws a frame (that is `ui`) nor decides what a key means (that is
//! the app).

use std::io::{self, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context as _, Result};
use crossterm::{cursor, event, execute, terminal as term};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

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
/// (the editor), then takes it again and redraws it whole: even when
/// `run` failed, but not when a signal is ending the app (after a hangup
/// there is no terminal to take). Only failing to take it back is an
/// error.
pub fn handed_over<T>(
    screen: &mut Screen,
    mouse: bool,
    signals: &Signals,
    run: impl FnOnce() -> T,
) -> Result<T> {
    lend(screen, mouse, signals, run, || {
        // Best effort: an editor can run on a terminal half handed over.
        let _ = restore(mouse);
    })
}

/// [`handed_over`], but on the full screen: it is cleared, the cursor
/// shown and raw mode turned off while `run` runs (git, whose ssh may ask
/// for a passphrase), and nothing it prints reaches the scrollback the
/// user goes back to on quitting.
pub fn lent_in_place<T>(
    screen: &mut Screen,
    mouse: bool,
    signals: &Signals,
    run: impl FnOnce() -> T,
) -> Result<T> {
    lend(screen, mouse, signals, run, || {
        let mut out = io::stdout();
        // Best effort, as for the editor.
        if mouse {
            let _ = execute!(out, event::DisableMouseCapture);
        }
        let _ = execute!(
            out,
            term::Clear(term::ClearType::All),
            cursor::MoveTo(0, 0),
            cursor::Show
        );
        let _ = term::disable_raw_mode();
    })
}

/// Flushes the last frame, gives the terminal up as `give_up` does, runs
/// `run`, and takes the terminal back unless a signal is ending the app.
fn lend<T>(
    screen: &mut Screen,
    mouse: bool,
    signals: &Signals,
    run: impl FnOnce() -> T,
    give_up: impl FnOnce(),
) -> Result<T> {
    screen.backend_mut().flush()?;
    give_up();
    let result = run();
    if signals.ending().is_none() {
        take_back(screen, mouse)?;
    }
    Ok(result)
}

/// Runs `command` (the editor) as the foreground program, while the app
/// waits, the way a shell would: when it stops (`Ctrl-Z` in it), the app
/// stops too so the shell gets the terminal back, and it is continued
/// with the app (`fg`); `SIGTERM` and `SIGHUP` are passed on to it, and
/// end the app once it exits.
pub fn run_in_foreground(
    command: &mut std::process::Command,
    signals: &Signals,
) -> io::Result<std::process::ExitStatus> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        let child = command.spawn()?;
        let pid = child.id() as libc::pid_t;
        let mut passed_on = None;
        loop {
            let mut status = 0;
            // SAFETY: `status` is a valid place for waitpid to write.
            let waited =
                unsafe { libc::waitpid(pid, &mut status, libc::WUNTRACED | libc::WNOHANG) };
            if waited == pid && libc::WIFSTOPPED(status) {
                signals.stop_here();
                // SAFETY: kill(2) on our own child.
                unsafe { libc::kill(pid, libc::SIGCONT) };
                continue;
            }
            if waited == pid {
                let ended_by = libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status));
                if !matches!(ended_by, Some(libc::SIGINT | libc::SIGQUIT)) {
                    signals.forget_keyboard();
                }
                return Ok(std::process::ExitStatus::from_raw(status));
            }
            if waited == -1 {
                let err = io::Error::last_os_error();
                if err.kind() != io::ErrorKind::Interrupted {
                    return Err(err);
                }
            }
            if let Some(signal @ (libc::SIGTERM | libc::SIGHUP)) = signals.ending()
                && passed_on != Some(signal)
            {
                // SAFETY: kill(2) on our own child.
                unsafe { libc::kill(pid, signal) };
                passed_on = Some(signal);
            }
            // The editor runs for minutes; twenty looks a second cost
            // nothing, and keep a signal from waiting on it.
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
    #[cfg(not(unix))]
    {
        let _ = signals;
        command.status()
    }
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
        // When the terminal goes away, every read of it returns at once
        // with nothing, and crossterm's reader (0.29) loops on that for
        // ever, so the loop would never see the hangup. Standard input is
        // swapped for an empty pipe that says "nothing yet" instead.
        let quiet = quiet_pipe()?;
        // SAFETY: dup2(2) is async-signal-safe; `quiet` stays open for
        // the life of the process (its write end too, so it never reads
        // as at its end).
        unsafe {
            low_level::register(SIGHUP, move || {
                libc::dup2(quiet, libc::STDIN_FILENO);
            })?;
        }
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

    /// The ending signal that arrived, if one did, without taking it.
    pub fn ending(&self) -> Option<i32> {
        match self.end.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal as i32),
        }
    }

    /// Forgets what the keyboard sent the editor's whole process group,
    /// us included, while the editor had the terminal: `Ctrl-C` or
    /// `Ctrl-\` meant for it (as `git` does, they end us only if they
    /// ended the editor), and the `SIGTSTP` an editor sends its group
    /// when it suspends itself.
    fn forget_keyboard(&self) {
        #[cfg(unix)]
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT] {
            let _ =
                self.end
                    .compare_exchange(signal as usize, 0, Ordering::SeqCst, Ordering::SeqCst);
        }
        self.stop.store(false, Ordering::SeqCst);
    }

    /// Stops the process as the default action of `SIGTSTP` would, and
    /// returns once it is continued.
    pub fn stop_here(&self) {
        #[cfg(unix)]
        {
            let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
            // The `SIGCONT` that woke us is this suspend's own.
            self.continued.store(false, Ordering::SeqCst);
        }
    }
}

/// A pipe's read end that never has anything to read: both ends open,
/// non-blocking, closed on exec. Left open for the life of the process.
#[cfg(unix)]
fn quiet_pipe() -> io::Result<libc::c_int> {
    let mut ends = [0; 2];
    // SAFETY: `ends` has room for the two descriptors pipe(2) writes.
    if unsafe { libc::pipe(ends.as_mut_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    for end in ends {
        // SAFETY: fcntl(2) on descriptors this function just made.
        unsafe {
            libc::fcntl(end, libc::F_SETFD, libc::FD_CLOEXEC);
        }
    }
    // SAFETY: as above.
    let flags = unsafe { libc::fcntl(ends[0], libc::F_GETFL) };
    if flags == -1 || unsafe { libc::fcntl(ends[0], libc::F_SETFL, flags | libc::O_NONBLOCK) } == -1
    {
        return Err(io::Error::last_os_error());
    }
    Ok(ends[0])
}
