//! Transport failures, time limits and cancellation against real (and deliberately
//! broken) loopback peers, plus unusable configuration.

mod support;

use std::time::{Duration, Instant};

use axum::routing::get;
use axum::Router;
use sap_http::{NetworkPhase, ProxyMode, SapError, SapRequest, Session, TimeoutPhase};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;

/// A server whose `/svc/slow` answers after `delay`.
async fn slow_server(delay: Duration) -> String {
    let router = Router::new()
        .route(
            "/svc/slow",
            get(move || async move {
                tokio::time::sleep(delay).await;
                "late"
            }),
        )
        .route("/svc/fast", get(|| async { "fast" }));
    let address = support::serve_http(router).await;
    format!("http://{address}/svc/")
}

fn network_phase(result: Result<sap_http::HttpResponse, SapError>) -> (NetworkPhase, String) {
    match result {
        Err(SapError::Network { phase, message, .. }) => (phase, message),
        other => panic!("expected a network error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_closed_port_is_connection_refused() {
    let port = support::closed_port();
    let session = support::session(support::config(&format!("http://127.0.0.1:{port}/svc/")));
    let (phase, message) = network_phase(session.get("ping", &[]).await);
    assert_eq!(phase, NetworkPhase::Connect);
    assert_eq!(
        message,
        format!("connection refused by 127.0.0.1:{port} (is the port right and the system up?)")
    );
}

#[tokio::test]
async fn an_unresolvable_host_is_a_dns_error() {
    let session = support::session(support::config("http://nonexistent.invalid:8000/svc/"));
    let (phase, message) = network_phase(session.get("ping", &[]).await);
    assert_eq!(phase, NetworkPhase::Dns);
    assert!(message.contains("nonexistent.invalid"), "{message}");
}

#[tokio::test]
async fn an_unreachable_manual_proxy_is_a_proxy_error() {
    let proxy_port = support::closed_port();
    let base = slow_server(Duration::ZERO).await;
    let mut config = support::config(&base.replace("127.0.0.1", "sap.example"));
    config.proxy = ProxyMode::Manual {
        url: format!("http://127.0.0.1:{proxy_port}"),
        bypass: vec![],
    };
    let session = support::session(config);
    let (phase, message) = network_phase(session.get("fast", &[]).await);
    assert_eq!(phase, NetworkPhase::Proxy);
    assert!(
        message.contains(&format!("127.0.0.1:{proxy_port}")),
        "{message}"
    );
}

#[tokio::test]
async fn the_bypass_list_skips_the_manual_proxy() {
    let proxy_port = support::closed_port();
    let base = slow_server(Duration::ZERO).await;
    let mut config = support::config(&base);
    config.proxy = ProxyMode::Manual {
        url: format!("127.0.0.1:{proxy_port}"),
        bypass: vec!["127.0.0.1".into()],
    };
    let session = support::session(config);
    assert_eq!(session.get("fast", &[]).await.unwrap().text(), "fast");
}

/// A proxy that answers every request with `answer` and hands over what it was asked.
async fn fake_proxy(answer: &'static str) -> (u16, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let (asked_tx, asked_rx) = tokio::sync::mpsc::unbounded_channel();
    let address = support::serve_raw(move |mut stream| {
        let asked = asked_tx.clone();
        async move {
            let mut request = vec![0u8; 4096];
            let read = stream.read(&mut request).await.unwrap_or(0);
            let _ = asked.send(String::from_utf8_lossy(&request[..read]).into_owned());
            let _ = stream.write_all(answer.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
    })
    .await;
    (address.port(), asked_rx)
}

#[tokio::test]
async fn plain_http_goes_through_the_manual_proxy() {
    let (proxy_port, mut asked) =
        fake_proxy("HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\nvia proxy").await;
    let mut config = support::config("http://sap.example:8000/svc/");
    config.proxy = ProxyMode::Manual {
        url: format!("http://127.0.0.1:{proxy_port}"),
        bypass: vec![".corp.local".into()],
    };
    let session = support::session(config);
    assert_eq!(session.get("ping", &[]).await.unwrap().text(), "via proxy");
    let request = asked.recv().await.unwrap();
    assert!(
        request.starts_with("GET http://sap.example:8000/svc/ping HTTP/1.1"),
        "{request}"
    );
}

#[tokio::test]
async fn a_proxy_refusing_the_tunnel_is_a_proxy_error() {
    let (proxy_port, mut asked) =
        fake_proxy("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n").await;
    let mut config = support::config("https://sap.example:44300/svc/");
    config.proxy = ProxyMode::Manual {
        url: format!("http://127.0.0.1:{proxy_port}"),
        bypass: vec![],
    };
    let session = support::session(config);
    let (phase, message) = network_phase(session.get("ping", &[]).await);
    assert_eq!(phase, NetworkPhase::Proxy);
    assert_eq!(
        message,
        format!(
            "127.0.0.1:{proxy_port} could not open a tunnel to sap.example:44300: \
             the proxy refused the connection"
        )
    );
    assert!(asked
        .recv()
        .await
        .unwrap()
        .starts_with("CONNECT sap.example:44300"));
}

#[tokio::test]
async fn a_slow_answer_is_a_response_timeout() {
    let mut config = support::config(&slow_server(Duration::from_secs(10)).await);
    config.timeout = Duration::from_millis(300);
    let session = support::session(config);
    let started = Instant::now();
    let error = session.get("slow", &[]).await.unwrap_err();
    assert_eq!(
        error,
        SapError::Timeout {
            phase: TimeoutPhase::Response,
            seconds: 0.3
        }
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_connect_that_gets_no_answer_is_a_connect_timeout() {
    let unanswered = support::unanswered_port().await;
    let mut config = support::config(&format!("http://127.0.0.1:{}/svc/", unanswered.port));
    config.connect_timeout = Duration::from_millis(300);
    let session = support::session(config);
    let started = Instant::now();
    let error = session.get("ping", &[]).await.unwrap_err();
    assert_eq!(
        error,
        SapError::Timeout {
            phase: TimeoutPhase::Connect,
            seconds: 0.3
        }
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_request_can_override_the_session_timeout() {
    let base = slow_server(Duration::from_millis(400)).await;

    let mut patient = support::config(&base);
    patient.timeout = Duration::from_millis(100);
    let session = support::session(patient);
    let longer = SapRequest::get("slow").timeout(Duration::from_secs(5));
    assert_eq!(session.send(longer).await.unwrap().text(), "late");

    let mut relaxed = support::config(&base);
    relaxed.timeout = Duration::from_secs(5);
    let session = support::session(relaxed);
    let shorter = SapRequest::get("slow").timeout(Duration::from_millis(100));
    assert!(matches!(
        session.send(shorter).await,
        Err(SapError::Timeout { phase: TimeoutPhase::Response, seconds }) if seconds == 0.1
    ));
}

#[tokio::test]
async fn a_reset_in_the_middle_of_the_answer_is_a_transfer_error() {
    let address = support::serve_raw(|mut stream| async move {
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).await;
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"partial\":")
            .await;
        let _ = stream.flush().await;
        // Closing with unread data and linger 0 sends a reset.
        let socket = socket2::SockRef::from(&stream);
        let _ = socket.set_linger(Some(Duration::ZERO));
        drop(stream);
    })
    .await;
    let session = support::session(support::config(&format!("http://{address}/svc/")));
    let (phase, message) = network_phase(session.get("pull", &[]).await);
    assert_eq!(phase, NetworkPhase::Transfer);
    assert_eq!(
        message,
        format!("{address} reset the connection before the answer was complete")
    );
}

#[tokio::test]
async fn a_connection_closed_early_is_a_transfer_error() {
    let address = support::serve_raw(|mut stream| async move {
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).await;
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort")
            .await;
        let _ = stream.shutdown().await;
    })
    .await;
    let session = support::session(support::config(&format!("http://{address}/svc/")));
    let (phase, message) = network_phase(session.get("pull", &[]).await);
    assert_eq!(phase, NetworkPhase::Transfer);
    assert!(
        message.contains("closed the connection before the answer was complete"),
        "{message}"
    );
}

#[tokio::test]
async fn dropping_the_future_cancels_the_request() {
    let (arrived_tx, arrived_rx) = oneshot::channel::<()>();
    let (closed_tx, closed_rx) = oneshot::channel::<()>();
    let signals = std::sync::Mutex::new(Some((arrived_tx, closed_tx)));
    let address = support::serve_raw(move |mut stream| {
        let signals = signals.lock().unwrap().take();
        async move {
            let Some((arrived, closed)) = signals else {
                return;
            };
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer).await;
            let _ = arrived.send(());
            // Never answer; a read of 0 bytes means the client closed the connection.
            while let Ok(read) = stream.read(&mut buffer).await {
                if read == 0 {
                    break;
                }
            }
            let _ = closed.send(());
        }
    })
    .await;
    let session = support::session(support::config(&format!("http://{address}/svc/")));

    let call = session.get("pull", &[]);
    let outcome = tokio::select! {
        result = call => Some(result),
        _ = arrived_rx => None,
    };
    assert!(outcome.is_none(), "the server never answers");
    // The request future is dropped by select!: the connection must close promptly.
    tokio::time::timeout(Duration::from_secs(2), closed_rx)
        .await
        .expect("the connection was not closed after the future was dropped")
        .expect("server task ended");
    assert_eq!(session.stats().requests, 1);
}

#[tokio::test]
async fn a_cancelled_csrf_fetch_leaves_the_session_usable() {
    let router = Router::new().route(
        "/svc/health",
        get(|| async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            ([("x-csrf-token", "token-1")], "{}")
        }),
    );
    let router = router.route("/svc/pull", axum::routing::post(|| async { "pulled" }));
    let address = support::serve_http(router).await;
    let mut config = support::config(&format!("http://{address}/svc/"));
    config.csrf_fetch_path = "health".into();
    let session = support::session(config);

    let cancelled =
        tokio::time::timeout(Duration::from_millis(50), session.post_json("pull", &())).await;
    assert!(cancelled.is_err(), "the first call was cut off");
    let response = session.post_json("pull", &()).await.unwrap();
    assert_eq!(response.text(), "pulled");
    assert_eq!(session.stats().csrf_fetches, 2);
}

#[test]
fn a_bad_proxy_url_is_a_config_error() {
    for url in ["http://bad host:8080", "socks5://proxy:1080", "", "http://"] {
        let mut config = support::config("http://127.0.0.1:1/svc/");
        config.proxy = ProxyMode::Manual {
            url: url.into(),
            bypass: vec![],
        };
        match Session::new(config) {
            Err(SapError::Config { field, .. }) => assert_eq!(field, "proxy.url", "{url}"),
            Err(other) => panic!("expected Config for {url:?}, got {other:?}"),
            Ok(_) => panic!("expected Config for {url:?}, got a session"),
        }
    }
}

#[test]
fn zero_time_limits_are_config_errors() {
    let mut config = support::config("http://127.0.0.1:1/svc/");
    config.timeout = Duration::ZERO;
    assert!(matches!(
        Session::new(config),
        Err(SapError::Config { ref field, .. }) if field == "timeout"
    ));
}

/// The user's Cancel: every call running on the session (and its clones) stops at once with
/// `Cancelled`; calls started afterwards run as usual.
#[tokio::test]
async fn cancel_in_flight_stops_running_calls_and_not_later_ones() {
    let base = slow_server(Duration::from_secs(30)).await;
    let session = support::session(support::config(&base));
    let clone = session.clone();
    let first = tokio::spawn({
        let session = session.clone();
        async move { session.get("slow", &[]).await }
    });
    let second = tokio::spawn(async move { clone.get("slow", &[]).await });
    // Both calls wait on the server: cancel once the requests are out.
    let deadline = Instant::now() + Duration::from_secs(10);
    while session.stats().requests < 2 {
        assert!(Instant::now() < deadline, "the calls never started");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let started = Instant::now();
    session.cancel_in_flight();
    for call in [first, second] {
        let outcome = tokio::time::timeout(Duration::from_secs(5), call)
            .await
            .expect("cancel stops the call, not the server's 30 s")
            .unwrap();
        assert!(matches!(outcome, Err(SapError::Cancelled)), "{outcome:?}");
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    let after = session.get("fast", &[]).await.expect("a later call runs");
    assert_eq!(after.text(), "fast");
}
