//! The threads that run store reads: one per core, fed from one FIFO queue.
//!
//! Queries are CPU-bound, so more threads than cores only time-slice them: under 50 concurrent
//! clients every request then took as long as the 50 together. With one thread per core taking
//! requests in arrival order, each runs at full speed. A dedicated pool rather than tokio's
//! blocking pool behind a semaphore: under load its threads go from one request to the next
//! without sleeping, where the semaphore handed each permit to a task that then had to wake a
//! blocking thread (two context switches per request, a tenth of the server's CPU time).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

struct Pool {
    queue: Sender<Job>,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let (tx, rx) = channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get().max(2));
        for i in 0..threads {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("mirsad-read-{i}"))
                .spawn(move || work(&rx))
                .expect("spawning a store read thread");
        }
        Pool { queue: tx }
    })
}

fn work(rx: &Mutex<Receiver<Job>>) {
    loop {
        // the lock is held only while taking a job, so the next thread can wait for the next
        let job = match rx.lock().unwrap_or_else(|e| e.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        job();
    }
}

/// Why a read produced no value.
pub(crate) enum ReadFailure {
    /// The read panicked (a bug); the pool thread survives it.
    Panicked,
    /// The pool is gone (the process is shutting down).
    Stopped,
}

/// Runs `f` on a read thread when its turn in the queue comes. A request whose client has gone
/// away by then is dropped without running.
pub(crate) async fn run<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ReadFailure> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        if tx.is_closed() {
            return;
        }
        let _ = tx.send(catch_unwind(AssertUnwindSafe(f)).map_err(|_| ReadFailure::Panicked));
    });
    pool().queue.send(job).map_err(|_| ReadFailure::Stopped)?;
    rx.await.unwrap_or(Err(ReadFailure::Stopped))
}
