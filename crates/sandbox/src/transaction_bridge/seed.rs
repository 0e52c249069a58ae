//! The demo back end's master data: a small company on S/4HANA's US and German plants.
//! Fixed dates, so every sandbox answers the same.

use chrono::{NaiveDate, NaiveDateTime};

use super::backend::{Customer, LockState, Material, PlantData, StorageLocation, User};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap_or_default()
}

const SALES_ROLES: &[(&str, &str)] = &[
    ("SAP_BR_INTERNAL_SALES_REP", "Internal Sales Representative"),
    ("Z_SD_ORDER_ENTRY_US", "Sales order entry, sales org. 1710"),
];
const FINANCE_ROLES: &[(&str, &str)] = &[
    ("SAP_BR_AR_ACCOUNTANT", "Accounts Receivable Accountant"),
    ("SAP_BR_GL_ACCOUNTANT", "General Ledger Accountant"),
];
const WAREHOUSE_ROLES: &[(&str, &str)] = &[
    ("SAP_BR_WAREHOUSE_CLERK", "Warehouse Clerk"),
    ("Z_MM_DISPLAY", "Material master display"),
];
const IT_ROLES: &[(&str, &str)] = &[
    ("SAP_BC_USER_ADMIN", "User administration"),
    ("Z_BASIS_MONITORING", "System monitoring (SM50, SM21, ST22)"),
];

/// (user, first name, last name, department, type, valid from, valid to, lock, last logon, roles)
type UserRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    char,
    NaiveDate,
    Option<NaiveDate>,
    LockState,
    Option<NaiveDateTime>,
    &'static [(&'static str, &'static str)],
);

#[rustfmt::skip]
fn seeded_users() -> Vec<UserRow> {
    use LockState::*;
    vec![
        ("JSMITH", "John", "Smith", "Sales", 'A', date(2019, 3, 1), None, NotLocked, Some(at(2026, 11, 30, 8, 12)), SALES_ROLES),
        ("AWILSON", "Anna", "Wilson", "Sales", 'A', date(2020, 6, 15), None, NotLocked, Some(at(2026, 12, 2, 14, 3)), SALES_ROLES),
        ("MMUELLER", "Maria", "Müller", "Finance", 'A', date(2018, 1, 8), None, NotLocked, Some(at(2026, 12, 1, 9, 41)), FINANCE_ROLES),
        ("TBAKER", "Thomas", "Baker", "Finance", 'A', date(2021, 9, 1), None, IncorrectLogons, Some(at(2026, 11, 12, 7, 55)), FINANCE_ROLES),
        ("LGARCIA", "Lucia", "Garcia", "Warehouse", 'A', date(2022, 2, 14), None, NotLocked, Some(at(2026, 12, 3, 6, 30)), WAREHOUSE_ROLES),
        ("PNGUYEN", "Peter", "Nguyen", "Warehouse", 'A', date(2017, 5, 2), Some(date(2026, 6, 30)), ByAdministrator, Some(at(2026, 6, 29, 16, 20)), WAREHOUSE_ROLES),
        ("KSCHNEIDER", "Klaus", "Schneider", "IT", 'A', date(2016, 11, 21), None, NotLocked, Some(at(2026, 12, 4, 11, 2)), IT_ROLES),
        ("SJOHNSON", "Sarah", "Johnson", "Sales", 'A', date(2023, 4, 3), None, NotLocked, None, SALES_ROLES),
        ("RKOWALSKI", "Robert", "Kowalski", "Warehouse", 'A', date(2024, 1, 15), None, NotLocked, Some(at(2026, 10, 28, 13, 47)), WAREHOUSE_ROLES),
        ("EMARTIN", "Emma", "Martin", "Finance", 'A', date(2025, 8, 1), None, NotLocked, Some(at(2026, 12, 4, 10, 18)), FINANCE_ROLES),
        ("DSMITH", "David", "Smith", "IT", 'A', date(2015, 2, 2), None, ByAdministrator, Some(at(2025, 12, 19, 17, 5)), IT_ROLES),
        ("BATCH_SD", "", "Batch user sales", "IT", 'B', date(2016, 11, 21), None, NotLocked, Some(at(2026, 12, 5, 23, 0)), SALES_ROLES),
        ("RFC_MOBILE", "", "RFC user mobile services", "IT", 'C', date(2020, 3, 9), None, NotLocked, Some(at(2026, 12, 5, 22, 58)), IT_ROLES),
    ]
}

/// The seeded users, then the sandbox's configured users (the only ones with a password).
pub(crate) fn users(logon_users: &[(String, String)]) -> Vec<User> {
    let mut users: Vec<User> = seeded_users()
        .into_iter()
        .map(
            |(name, first, last, department, user_type, from, to, lock, logon, roles)| User {
                name: name.to_owned(),
                first_name: first,
                last_name: last,
                email: if user_type == 'A' {
                    format!("{}.{}@example.com", first, last)
                        .to_lowercase()
                        .replace('ü', "ue")
                } else {
                    String::new()
                },
                department,
                user_type,
                valid_from: from,
                valid_to: to,
                lock,
                last_logon: logon,
                roles: roles.to_vec(),
                password: None,
            },
        )
        .collect();
    for (name, password) in logon_users {
        let name = name.to_ascii_uppercase();
        if let Some(user) = users.iter_mut().find(|u| u.name == name) {
            user.password = Some(password.clone());
            continue;
        }
        users.push(User {
            email: format!("{}@example.com", name.to_lowercase()),
            name,
            first_name: "Demo",
            last_name: "Developer",
            department: "IT",
            user_type: 'A',
            valid_from: date(2024, 1, 1),
            valid_to: None,
            lock: LockState::NotLocked,
            last_logon: Some(at(2026, 12, 5, 8, 0)),
            roles: [IT_ROLES, SALES_ROLES, WAREHOUSE_ROLES].concat(),
            password: Some(password.clone()),
        });
    }
    users
}

fn sloc(id: &'static str, description: &'static str, stock: f64) -> StorageLocation {
    StorageLocation {
        id,
        description,
        stock,
    }
}

fn plant_1710(mrp_type: &'static str, stock: [f64; 2]) -> PlantData {
    PlantData {
        plant: "1710",
        name: "Plant 1 US",
        mrp_type,
        storage_locations: vec![
            sloc("171A", "Std. storage 1", stock[0]),
            sloc("171C", "Shipping", stock[1]),
        ],
    }
}

fn plant_1010(mrp_type: &'static str, stock: f64) -> PlantData {
    PlantData {
        plant: "1010",
        name: "Plant 1 DE",
        mrp_type,
        storage_locations: vec![sloc("101A", "Hauptlager", stock)],
    }
}

#[allow(clippy::too_many_arguments)]
fn material(
    number: &'static str,
    description: &'static str,
    material_type: &'static str,
    material_group: &'static str,
    base_unit: &'static str,
    gross_weight: &'static str,
    created_on: NaiveDate,
    plants: Vec<PlantData>,
    price: f64,
) -> Material {
    Material {
        number,
        description,
        material_type,
        material_group,
        base_unit,
        gross_weight,
        weight_unit: "KG",
        created_on,
        plants,
        price,
    }
}

#[rustfmt::skip]
pub(crate) fn materials() -> Vec<Material> {
    vec![
        material("CP-100", "Centrifugal pump CP-100, 5.5 kW", "FERT", "P001", "PC", "48.500", date(2019, 4, 2),
            vec![plant_1710("PD", [42.0, 6.0]), plant_1010("PD", 17.0)], 1850.0),
        material("CP-200", "Centrifugal pump CP-200, 11 kW", "FERT", "P001", "PC", "86.000", date(2019, 4, 2),
            vec![plant_1710("PD", [12.0, 0.0])], 3290.0),
        material("PH-100", "Pump housing, cast iron", "HALB", "P002", "PC", "21.300", date(2018, 10, 17),
            vec![plant_1710("PD", [130.0, 0.0]), plant_1010("PD", 64.0)], 410.0),
        material("IMP-75", "Impeller 75 mm, stainless steel", "HALB", "P002", "PC", "1.250", date(2018, 10, 17),
            vec![plant_1710("VB", [560.0, 40.0])], 96.5),
        material("SEAL-25", "Mechanical seal 25 mm", "HAWA", "P003", "PC", "0.180", date(2020, 1, 29),
            vec![plant_1710("VB", [2400.0, 150.0]), plant_1010("VB", 800.0)], 38.9),
        material("MOT-55", "Electric motor 5.5 kW, IE3", "HAWA", "P004", "PC", "39.000", date(2021, 7, 5),
            vec![plant_1710("PD", [25.0, 3.0])], 960.0),
        material("OIL-5L", "Bearing oil ISO VG 68, 5 l can", "HAWA", "P005", "EA", "4.600", date(2022, 3, 11),
            vec![plant_1710("ND", [310.0, 0.0])], 27.4),
        material("SVC-INST", "Pump installation service", "DIEN", "S001", "H", "0.000", date(2019, 4, 2),
            Vec::new(), 145.0),
        // A legacy material whose weight overflows the screen field: SAP GUI shows asterisks,
        // which the bridge cannot turn into Edm.Decimal.
        material("LEG-9000", "Legacy pump skid (migrated)", "FERT", "P001", "PC", "**********", date(2009, 1, 1),
            vec![plant_1010("ND", 1.0)], 25000.0),
    ]
}

#[rustfmt::skip]
pub(crate) fn customers() -> Vec<Customer> {
    const US: &[(&str, &str, &str)] = &[("1710", "10", "00")];
    const DE: &[(&str, &str, &str)] = &[("1010", "10", "00")];
    vec![
        Customer { number: "17100001", name: "Bay Area Water Authority", city: "San Jose", sales_areas: US },
        Customer { number: "17100002", name: "Pacific Irrigation Inc.", city: "Fresno", sales_areas: US },
        Customer { number: "17100003", name: "Golden Gate Facilities LLC", city: "San Francisco", sales_areas: US },
        Customer { number: "17100004", name: "Sierra Mining Corp.", city: "Reno", sales_areas: US },
        Customer { number: "10100001", name: "Stadtwerke Walldorf GmbH", city: "Walldorf", sales_areas: DE },
    ]
}
