//! The published recordings and what their sequences do in the simulated back end.

mod material;
mod sales_order;
mod user_admin;

pub(crate) use sales_order::OrderDraft;

use super::backend::Backend;
use super::errors::BridgeError;
use super::input::Args;
use super::model::{AppSpec, Sequence};
use super::output::ScreenOutput;
use super::status_bar::StatusBar;

/// Where a session's SAP GUI is: the transaction's first screen, or inside a flow.
#[derive(Debug, Clone, Default)]
pub(crate) enum Screen {
    #[default]
    Initial,
    /// VA01's overview screen with the order being entered.
    OrderOverview(OrderDraft),
}

/// What a sequence left on the screen: the output fields (as texts) and the status bar.
pub(crate) struct Shown {
    pub output: ScreenOutput,
    pub status_bar: Option<StatusBar>,
}

/// What a sequence may read and change.
pub(crate) struct Gui<'a> {
    /// The user the session logged on as.
    pub user: &'a str,
    pub backend: &'a mut Backend,
    pub screen: &'a mut Screen,
}

type Run = fn(&'static Sequence, &Args, &mut Gui<'_>) -> Result<Shown, BridgeError>;

pub(crate) struct App {
    pub spec: &'static AppSpec,
    pub run: Run,
}

pub(crate) static APPS: [App; 3] = [
    App {
        spec: &user_admin::SPEC,
        run: user_admin::run,
    },
    App {
        spec: &material::SPEC,
        run: material::run,
    },
    App {
        spec: &sales_order::SPEC,
        run: sales_order::run,
    },
];

pub(crate) fn app(id: &str) -> Option<&'static App> {
    APPS.iter().find(|app| app.spec.id == id)
}

/// A screen field's text.
pub(crate) fn text(value: impl Into<String>) -> serde_json::Value {
    serde_json::Value::String(value.into())
}
