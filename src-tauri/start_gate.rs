//! The window opens before the back end is ready.
//!
//! Reading the store file, asking the OS keyring (D-Bus round trips) and starting the sandbox
//! take a few hundred milliseconds. Done in Tauri's `setup` they held back the window and so
//! the first paint; now they run on their own thread while the webview starts. Commands the
//! page sends in that time wait at this gate and run once the state they need is managed; if
//! the back end cannot start, they fail with the reason instead of waiting forever.

use std::sync::Arc;

use tauri::ipc::Invoke;
use tauri::Runtime;
use tokio::sync::watch;

/// Whether the back end has started: not yet (`None`), or how its start ended.
#[derive(Debug)]
pub struct BackEndGate {
    outcome: watch::Sender<Option<Result<(), String>>>,
}

impl Default for BackEndGate {
    fn default() -> Self {
        Self {
            outcome: watch::Sender::new(None),
        }
    }
}

impl BackEndGate {
    /// Opens the gate (or closes it for good with the start's error); waiting commands run.
    pub fn finish(&self, outcome: Result<(), String>) {
        self.outcome.send_replace(Some(outcome));
    }

    /// How the start ended, once it has.
    pub fn outcome(&self) -> Option<Result<(), String>> {
        self.outcome.borrow().clone()
    }

    /// Waits until the start has ended.
    pub async fn started(&self) -> Result<(), String> {
        let mut receiver = self.outcome.subscribe();
        let outcome = receiver
            .wait_for(Option::is_some)
            .await
            .map(|outcome| outcome.clone());
        match outcome {
            Ok(Some(outcome)) => outcome,
            // The sender lives as long as the gate, so neither can happen; say so rather than hang.
            _ => Err("the back end's start was abandoned".to_owned()),
        }
    }

    /// Blocks the calling thread until the start has ended (tests and non-async callers).
    pub fn wait_blocking(&self) -> Result<(), String> {
        tauri::async_runtime::block_on(self.started())
    }
}

/// Wraps the app's invoke handler: a command of `known_commands` sent before the back end is
/// ready is held until it is (or rejected with the reason it could not start); any other name
/// goes straight to the handler, which answers "not found" as before.
pub fn gated_handler<R, H>(
    handler: H,
    gate: Arc<BackEndGate>,
    known_commands: &'static [&'static str],
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static
where
    R: Runtime,
    H: Fn(Invoke<R>) -> bool + Send + Sync + 'static,
{
    let handler = Arc::new(handler);
    move |invoke: Invoke<R>| {
        match gate.outcome() {
            Some(Ok(())) => return handler(invoke),
            Some(Err(reason)) => {
                invoke.resolver.reject(start_failure(&reason));
                return true;
            }
            None => {}
        }
        if !known_commands.contains(&invoke.message.command()) {
            return handler(invoke);
        }
        let handler = handler.clone();
        let gate = gate.clone();
        tauri::async_runtime::spawn(async move {
            match gate.started().await {
                Ok(()) => {
                    handler(invoke);
                }
                Err(reason) => invoke.resolver.reject(start_failure(&reason)),
            }
        });
        true
    }
}

/// What a command answers when the back end could not start.
fn start_failure(reason: &str) -> String {
    format!("Agent Desk could not start: {reason}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiters_learn_how_the_start_ended() {
        let gate = Arc::new(BackEndGate::default());
        assert_eq!(gate.outcome(), None);
        let waiter = {
            let gate = gate.clone();
            std::thread::spawn(move || gate.wait_blocking())
        };
        gate.finish(Err("the store file cannot be read".to_owned()));
        assert_eq!(
            waiter.join().unwrap(),
            Err("the store file cannot be read".to_owned())
        );
        assert_eq!(
            gate.wait_blocking(),
            Err("the store file cannot be read".to_owned())
        );
    }

    #[test]
    fn an_open_gate_lets_waiters_through_at_once() {
        let gate = BackEndGate::default();
        gate.finish(Ok(()));
        assert_eq!(gate.wait_blocking(), Ok(()));
    }
}
