//! SU01, "User Maintenance": find users, show one, lock and unlock (which changes the user
//! master for every later call and for the next logon).

use serde_json::{json, Map};

use super::{text, Gui, Shown};
use crate::transaction_bridge::backend::{matches_pattern, LockState, User};
use crate::transaction_bridge::errors::BridgeError;
use crate::transaction_bridge::input::Args;
use crate::transaction_bridge::model::{
    field, nullable_field, optional, required, table, AppSpec, Edm, Kind, Sequence,
};
use crate::transaction_bridge::output::screen_date;
use crate::transaction_bridge::status_bar::StatusBar;
use crate::transaction_bridge::USER_ADMIN_APP;

pub(super) static SPEC: AppSpec = AppSpec {
    id: USER_ADMIN_APP,
    transaction: "SU01",
    title: "User Maintenance",
    sequences: &[
        Sequence {
            name: "FindUsers",
            kind: Kind::Function,
            params: &[
                optional("UserName", Edm::String, Some(12)),
                optional("LastName", Edm::String, Some(40)),
                optional("Department", Edm::String, Some(40)),
            ],
            output: &[table(
                "Users",
                "UserListEntry",
                &[
                    field("UserName", Edm::String),
                    field("FirstName", Edm::String),
                    field("LastName", Edm::String),
                    field("Department", Edm::String),
                    field("Locked", Edm::Boolean),
                ],
            )],
            preceding: &["Home"],
            subsequent: &["GetUserDetails", "LockUser", "UnlockUser"],
        },
        Sequence {
            name: "GetUserDetails",
            kind: Kind::Function,
            params: &[required("UserName", Edm::String, Some(12))],
            output: &[
                field("UserName", Edm::String),
                field("FirstName", Edm::String),
                field("LastName", Edm::String),
                field("Email", Edm::String),
                field("Department", Edm::String),
                field("UserType", Edm::String),
                field("ValidFrom", Edm::Date),
                nullable_field("ValidTo", Edm::Date),
                field("LockStatus", Edm::String),
                nullable_field("LastLogon", Edm::DateTimeOffset),
                table(
                    "Roles",
                    "UserRole",
                    &[
                        field("Role", Edm::String),
                        field("Description", Edm::String),
                    ],
                ),
            ],
            preceding: &["FindUsers"],
            subsequent: &["LockUser", "UnlockUser"],
        },
        Sequence {
            name: "LockUser",
            kind: Kind::Action,
            params: &[required("UserName", Edm::String, Some(12))],
            output: LOCK_OUTPUT,
            preceding: &["FindUsers", "GetUserDetails"],
            subsequent: &["GetUserDetails", "UnlockUser"],
        },
        Sequence {
            name: "UnlockUser",
            kind: Kind::Action,
            params: &[required("UserName", Edm::String, Some(12))],
            output: LOCK_OUTPUT,
            preceding: &["FindUsers", "GetUserDetails"],
            subsequent: &["GetUserDetails", "LockUser"],
        },
    ],
};

const LOCK_OUTPUT: &[crate::transaction_bridge::model::OutputProp] = &[
    field("UserName", Edm::String),
    field("LockStatus", Edm::String),
];

pub(super) fn run(
    sequence: &'static Sequence,
    args: &Args,
    gui: &mut Gui<'_>,
) -> Result<Shown, BridgeError> {
    match sequence.name {
        "FindUsers" => Ok(find_users(args, gui)),
        "GetUserDetails" => details(args, gui),
        "LockUser" => set_lock(args, gui, true),
        _ => set_lock(args, gui, false),
    }
}

fn lock_status(lock: LockState) -> &'static str {
    match lock {
        LockState::NotLocked => "Not locked",
        LockState::ByAdministrator => "Locked by administrator",
        LockState::IncorrectLogons => "Locked after incorrect logon attempts",
    }
}

fn user_type(user: &User) -> &'static str {
    match user.user_type {
        'A' => "A Dialog",
        'B' => "B System",
        'C' => "C Communications Data",
        _ => "S Service",
    }
}

fn find_users(args: &Args, gui: &mut Gui<'_>) -> Shown {
    type Column = fn(&User) -> &str;
    let criteria: [(Option<&str>, Column); 3] = [
        (args.str("UserName"), |u| &u.name),
        (args.str("LastName"), |u| u.last_name),
        (args.str("Department"), |u| u.department),
    ];
    let rows: Vec<serde_json::Value> = gui
        .backend
        .users
        .iter()
        .filter(|user| {
            criteria.iter().all(|(pattern, value)| {
                pattern
                    .is_none_or(|p| p.trim().is_empty() || matches_pattern(p.trim(), value(user)))
            })
        })
        .map(|user| {
            json!({
                "UserName": user.name,
                "FirstName": user.first_name,
                "LastName": user.last_name,
                "Department": user.department,
                "Locked": if user.lock == LockState::NotLocked { "" } else { "X" },
            })
        })
        .collect();
    let status_bar = if rows.is_empty() {
        StatusBar::info("No users match the selection criteria")
    } else {
        StatusBar::success(format!("{} users selected", rows.len()))
    };
    let mut output = Map::new();
    output.insert("Users".into(), serde_json::Value::Array(rows));
    Shown {
        output,
        status_bar: Some(status_bar),
    }
}

/// The recording enters the user and presses Display; for an unknown user SU01 stays on its
/// first screen with an error, and the step reading the Address tab finds nothing.
fn unknown_user(name: &str) -> BridgeError {
    BridgeError::step_failed(
        2,
        "Control not found",
        StatusBar::error(format!("User {} does not exist", name.to_ascii_uppercase())),
    )
}

fn details(args: &Args, gui: &mut Gui<'_>) -> Result<Shown, BridgeError> {
    let name = args.str("UserName").unwrap_or_default();
    let user = gui.backend.user(name).ok_or_else(|| unknown_user(name))?;
    let roles: Vec<serde_json::Value> = user
        .roles
        .iter()
        .map(|(role, description)| json!({"Role": role, "Description": description}))
        .collect();
    let mut output = Map::new();
    output.insert("UserName".into(), text(&user.name));
    output.insert("FirstName".into(), text(user.first_name));
    output.insert("LastName".into(), text(user.last_name));
    output.insert("Email".into(), text(&user.email));
    output.insert("Department".into(), text(user.department));
    output.insert("UserType".into(), text(user_type(user)));
    output.insert("ValidFrom".into(), text(screen_date(user.valid_from)));
    output.insert(
        "ValidTo".into(),
        text(user.valid_to.map(screen_date).unwrap_or_default()),
    );
    output.insert("LockStatus".into(), text(lock_status(user.lock)));
    output.insert(
        "LastLogon".into(),
        text(
            user.last_logon
                .map(|t| t.format("%d.%m.%Y %H:%M:%S").to_string())
                .unwrap_or_default(),
        ),
    );
    output.insert("Roles".into(), serde_json::Value::Array(roles));
    Ok(Shown {
        output,
        status_bar: None,
    })
}

fn set_lock(args: &Args, gui: &mut Gui<'_>, lock: bool) -> Result<Shown, BridgeError> {
    let name = args.str("UserName").unwrap_or_default();
    let user = gui
        .backend
        .user_mut(name)
        .ok_or_else(|| unknown_user(name))?;
    let status_bar = match (lock, user.lock) {
        (true, LockState::ByAdministrator) => {
            StatusBar::warning(format!("User {} is already locked", user.name))
        }
        (true, _) => {
            user.lock = LockState::ByAdministrator;
            StatusBar::success(format!("User {} locked", user.name))
        }
        (false, LockState::NotLocked) => {
            StatusBar::warning(format!("User {} is not locked", user.name))
        }
        (false, _) => {
            user.lock = LockState::NotLocked;
            StatusBar::success(format!("User {} unlocked", user.name))
        }
    };
    let mut output = Map::new();
    output.insert("UserName".into(), text(&user.name));
    output.insert("LockStatus".into(), text(lock_status(user.lock)));
    Ok(Shown {
        output,
        status_bar: Some(status_bar),
    })
}
