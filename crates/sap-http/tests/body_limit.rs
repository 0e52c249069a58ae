//! Answer bodies are read under a limit: an announced size above it is refused before
//! reading, a body without one stops at the limit, and a download streams to its sink.

mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sap_http::{Download, SapError, SapRequest};

const MIB: u64 = 1024 * 1024;

/// Bytes the server managed to hand to the connection, per endpoint kind.
#[derive(Default)]
struct Sent {
    bytes: AtomicU64,
}

/// `total` bytes in 64 KiB chunks, produced lazily, counted as they leave.
fn endless(sent: Arc<Sent>, total: u64) -> Body {
    let chunk = Bytes::from(vec![b'x'; 64 * 1024]);
    let stream = futures_util::stream::unfold(0u64, move |done| {
        let chunk = chunk.clone();
        let sent = sent.clone();
        async move {
            if done >= total {
                return None;
            }
            sent.bytes.fetch_add(chunk.len() as u64, Ordering::SeqCst);
            Some((
                Ok::<_, std::io::Error>(chunk.clone()),
                done + chunk.len() as u64,
            ))
        }
    });
    Body::from_stream(stream)
}

async fn huge_unannounced(State(sent): State<Arc<Sent>>) -> Response {
    // 4 GiB, chunked: no Content-Length to refuse it by.
    (
        [("content-type", "application/json")],
        endless(sent, 4096 * MIB),
    )
        .into_response()
}

async fn file(State(sent): State<Arc<Sent>>) -> Response {
    (
        [("content-type", "application/pdf")],
        endless(sent, 5 * MIB),
    )
        .into_response()
}

async fn html_error() -> Response {
    (
        axum::http::StatusCode::NOT_FOUND,
        [("content-type", "text/html")],
        "<html><title>404 Not Found</title></html>",
    )
        .into_response()
}

async fn start() -> (Arc<Sent>, String) {
    let sent = Arc::new(Sent::default());
    let router = Router::new()
        .route("/svc/huge", get(huge_unannounced))
        .route("/svc/file", get(file))
        .route("/svc/missing", get(html_error))
        .with_state(sent.clone());
    let address = support::serve_http(router).await;
    (sent, format!("http://{address}/svc/"))
}

fn session(base: &str, limit: u64) -> sap_http::Session {
    let mut config = support::config(base);
    config.max_body_bytes = limit;
    config.timeout = Duration::from_secs(30);
    support::session(config)
}

#[tokio::test]
async fn an_endless_answer_stops_at_the_limit() {
    let (sent, base) = start().await;
    let session = session(&base, MIB);
    let started = Instant::now();
    let error = session.get("huge", &[]).await.unwrap_err();
    assert_eq!(
        error,
        SapError::ResponseTooLarge {
            limit_bytes: MIB as f64,
            declared_bytes: None
        }
    );
    // Reading stopped at about the limit; the connection closed, so the server stops too
    // (what is in flight is bounded by socket buffers, far below the 4 GiB on offer).
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = sent.bytes.load(Ordering::SeqCst);
    assert!(sent < 64 * MIB, "the server sent {sent} bytes");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn an_announced_size_above_the_limit_is_refused_before_reading() {
    // Announces 500 MiB, sends two bytes and keeps the connection open: only the
    // announcement can end this exchange before the timeout.
    let address = support::serve_raw(|mut stream| async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).await;
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{{}}",
            500 * MIB
        );
        let _ = stream.write_all(head.as_bytes()).await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let session = session(
        &format!("http://{address}/svc/"),
        sap_http::DEFAULT_MAX_BODY_BYTES,
    );
    let started = Instant::now();
    let error = session.get("announced", &[]).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        error,
        SapError::ResponseTooLarge {
            limit_bytes: sap_http::DEFAULT_MAX_BODY_BYTES as f64,
            declared_bytes: Some((500 * MIB) as f64)
        }
    );
    assert!(error.to_string().contains("larger than"), "{error}");
}

#[tokio::test]
async fn a_call_may_raise_its_own_limit() {
    let (_sent, base) = start().await;
    let session = session(&base, MIB);
    assert!(matches!(
        session.get("file", &[]).await,
        Err(SapError::ResponseTooLarge { .. })
    ));
    let response = session
        .send(SapRequest::get("file").max_body_bytes(8 * MIB))
        .await
        .unwrap();
    assert_eq!(response.body.len() as u64, 5 * MIB);
}

#[tokio::test]
async fn a_download_streams_to_its_sink_under_its_limit() {
    let (_sent, base) = start().await;
    let session = session(&base, MIB);
    let dir = std::env::temp_dir().join(format!("sap-http-download-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("file.pdf");
    let mut file = tokio::fs::File::create(&path).await.unwrap();
    let outcome = session
        .download(SapRequest::get("file").max_body_bytes(8 * MIB), &mut file)
        .await
        .unwrap();
    match outcome {
        Download::Written {
            status,
            headers,
            bytes,
        } => {
            assert_eq!((status, bytes), (200, 5 * MIB));
            assert_eq!(headers["content-type"], "application/pdf");
        }
        other => panic!("expected a written file, got {other:?}"),
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 5 * MIB);

    // Over the limit: a specific error, whatever reached the file.
    let mut small = tokio::fs::File::create(dir.join("small.pdf"))
        .await
        .unwrap();
    let error = session
        .download(SapRequest::get("file").max_body_bytes(2 * MIB), &mut small)
        .await
        .unwrap_err();
    assert!(
        matches!(error, SapError::ResponseTooLarge { limit_bytes, .. } if limit_bytes == (2 * MIB) as f64)
    );

    // An error page is not written: it comes back to be explained.
    let mut untouched = Vec::new();
    match session
        .download(SapRequest::get("missing"), &mut untouched)
        .await
        .unwrap()
    {
        Download::Answer(response) => assert_eq!(response.status, 404),
        other => panic!("expected the error page, got {other:?}"),
    }
    assert!(untouched.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}
