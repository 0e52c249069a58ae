//! SAP's flight data model (package SAPBC_DATAMODEL): DDIC and generated rows.

use super::ddic_helpers::{
    data_element, domain, domain_checks, elementary, fixed_values, table, table_type,
};
use crate::data::{Row, Value};
use crate::ddic::TableKind;
use crate::system::System;
use chrono::{Datelike, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const PKG: &str = "SAPBC_DATAMODEL";

/// (code, name, currency, url)
pub(crate) const CARRIERS: [(&str, &str, &str, &str); 17] = [
    ("AA", "American Airlines", "USD", "http://www.aa.com"),
    ("AC", "Air Canada", "CAD", "http://www.aircanada.ca"),
    ("AF", "Air France", "EUR", "http://www.airfrance.fr"),
    ("AZ", "Alitalia", "EUR", "http://www.alitalia.it"),
    (
        "BA",
        "British Airways",
        "GBP",
        "http://www.british-airways.com",
    ),
    (
        "CO",
        "Continental Airlines",
        "USD",
        "http://www.continental.com",
    ),
    ("DL", "Delta Airlines", "USD", "http://www.delta-air.com"),
    ("FJ", "Air Pacific", "USD", "http://www.airpacific.com"),
    ("JL", "Japan Airlines", "JPY", "http://www.jal.co.jp"),
    ("LH", "Lufthansa", "EUR", "http://www.lufthansa.com"),
    ("NG", "Lauda Air", "EUR", "http://www.laudaair.com"),
    ("NW", "Northwest Airlines", "USD", "http://www.nwa.com"),
    ("QF", "Qantas Airways", "AUD", "http://www.qantas.com.au"),
    ("SA", "South African Air.", "ZAR", "http://www.saa.co.za"),
    (
        "SQ",
        "Singapore Airlines",
        "SGD",
        "http://www.singaporeair.com",
    ),
    ("SR", "Swiss", "CHF", "http://www.swiss.com"),
    ("UA", "United Airlines", "USD", "http://www.ual.com"),
];

/// (id, name, time zone, city, country)
const AIRPORTS: [(&str, &str, &str, &str, &str); 22] = [
    ("FRA", "Frankfurt/Main", "UTC+1", "FRANKFURT", "DE"),
    ("JFK", "John F. Kennedy Intl", "UTC-5", "NEW YORK", "US"),
    ("SFO", "San Francisco Intl", "UTC-8", "SAN FRANCISCO", "US"),
    ("TXL", "Berlin Tegel", "UTC+1", "BERLIN", "DE"),
    ("FCO", "Rome Fiumicino", "UTC+1", "ROME", "IT"),
    ("CDG", "Paris Charles de Gaulle", "UTC+1", "PARIS", "FR"),
    ("LHR", "London Heathrow", "UTC", "LONDON", "GB"),
    ("NRT", "Tokyo Narita", "UTC+9", "TOKYO", "JP"),
    ("KIX", "Osaka Kansai Intl", "UTC+9", "OSAKA", "JP"),
    ("SIN", "Singapore Changi", "UTC+8", "SINGAPORE", "SG"),
    ("SYD", "Sydney Kingsford Smith", "UTC+10", "SYDNEY", "AU"),
    (
        "JNB",
        "Johannesburg O.R. Tambo",
        "UTC+2",
        "JOHANNESBURG",
        "ZA",
    ),
    ("YYZ", "Toronto Pearson", "UTC-5", "TORONTO", "CA"),
    ("ORD", "Chicago O'Hare", "UTC-6", "CHICAGO", "US"),
    (
        "ATL",
        "Hartsfield-Jackson Atlanta",
        "UTC-5",
        "ATLANTA",
        "US",
    ),
    ("MUC", "Munich Franz Josef Strauss", "UTC+1", "MUNICH", "DE"),
    ("VIE", "Vienna Schwechat", "UTC+1", "VIENNA", "AT"),
    ("ZRH", "Zurich Kloten", "UTC+1", "ZURICH", "CH"),
    ("NAN", "Nadi Intl", "UTC+12", "NADI", "FJ"),
    ("HNL", "Honolulu Intl", "UTC-10", "HONOLULU", "US"),
    ("EWR", "Newark Liberty Intl", "UTC-5", "NEWARK", "US"),
    ("MIA", "Miami Intl", "UTC-5", "MIAMI", "US"),
];

/// (carrier, connid, from, to, departure HHMMSS, flight minutes, distance km)
pub(crate) const CONNECTIONS: [(&str, u32, &str, &str, &str, i64, i64); 28] = [
    ("AA", 17, "JFK", "SFO", "110000", 361, 2572),
    ("AA", 64, "SFO", "JFK", "090000", 321, 2572),
    ("AC", 820, "YYZ", "FRA", "181500", 470, 6350),
    ("AF", 1145, "CDG", "LHR", "071500", 75, 344),
    ("AZ", 555, "FCO", "FRA", "190000", 125, 845),
    ("AZ", 789, "NRT", "FCO", "114500", 940, 6130),
    ("BA", 117, "LHR", "JFK", "113000", 480, 5540),
    ("CO", 1107, "EWR", "MIA", "073000", 180, 1755),
    ("DL", 106, "ATL", "FRA", "171500", 525, 7460),
    ("DL", 1699, "JFK", "SFO", "171500", 382, 2572),
    ("DL", 1984, "SFO", "JFK", "100000", 325, 2572),
    ("FJ", 810, "NAN", "HNL", "223000", 375, 5110),
    ("JL", 407, "NRT", "FRA", "132000", 725, 9100),
    ("JL", 408, "FRA", "NRT", "202500", 675, 9100),
    ("LH", 400, "FRA", "JFK", "101000", 525, 6162),
    ("LH", 401, "JFK", "FRA", "183000", 435, 6162),
    ("LH", 402, "FRA", "JFK", "133000", 535, 6162),
    ("LH", 2402, "FRA", "TXL", "103000", 65, 555),
    ("LH", 2407, "TXL", "FRA", "071000", 65, 555),
    ("LH", 3577, "MUC", "ZRH", "081500", 55, 245),
    ("NG", 5, "VIE", "FRA", "063000", 90, 600),
    ("NW", 1537, "ORD", "JFK", "154500", 125, 1190),
    ("QF", 5, "SIN", "FRA", "225000", 765, 10300),
    ("QF", 6, "FRA", "SIN", "205500", 735, 10300),
    ("SA", 261, "JNB", "FRA", "204000", 650, 8650),
    ("SQ", 2, "SIN", "SFO", "170000", 940, 13590),
    ("SR", 3577, "ZRH", "MUC", "181000", 55, 245),
    ("UA", 941, "FRA", "SFO", "134500", 690, 9130),
];

const PLANES: [(&str, i64, i64, i64); 6] = [
    ("A319-100", 120, 8, 0),
    ("A321-200", 185, 16, 0),
    ("A340-600", 330, 30, 20),
    ("747-400", 385, 31, 21),
    ("767-200", 260, 24, 0),
    ("A380-800", 475, 60, 14),
];

const FIRST_NAMES: [&str; 20] = [
    "Anna", "Ben", "Carla", "David", "Elena", "Frank", "Greta", "Hiro", "Ines", "Jonas", "Kiri",
    "Lena", "Marco", "Nadia", "Olaf", "Priya", "Quentin", "Rosa", "Sven", "Tomoko",
];
const LAST_NAMES: [&str; 20] = [
    "Schmidt", "Miller", "Rossi", "Dubois", "Tanaka", "Kowalski", "Novak", "Fischer", "Garcia",
    "Johnson", "Becker", "Larsen", "Moreau", "Weber", "Nakamura", "Silva", "Brown", "Meyer", "Kim",
    "Hoffmann",
];

pub(crate) fn seed(system: &mut System) {
    declare_ddic(system);
    let mut rng = StdRng::seed_from_u64(0x5F11_6417);
    let base = base_date(system);
    fill_scarr(system);
    fill_sairport(system);
    fill_spfli(system);
    fill_sflight(system, &mut rng, base);
    fill_scustom(system, &mut rng);
    fill_sbook(system, &mut rng);
}

/// Flights start at the first day of the month before the reference date.
fn base_date(system: &System) -> NaiveDate {
    let today = system.reference_time.date();
    let first = today.with_day(1).unwrap_or(today);
    first - chrono::Duration::days(31)
}

fn declare_ddic(system: &mut System) {
    let s = system;
    domain(s, PKG, "MANDT", "CLNT", 3, 0, "Client");
    data_element(s, PKG, "MANDT", "MANDT", "Client", "Client");
    elementary(s, PKG, "S_CARR_ID", "CHAR", 3, 0, "Airline Code");
    domain_checks(s, "S_CARR_ID", "", "SCARR");
    elementary(s, PKG, "S_CARRNAME", "CHAR", 20, 0, "Airline name");
    domain(
        s,
        PKG,
        "S_CURRCODE",
        "CUKY",
        5,
        0,
        "Local currency of airline",
    );
    data_element(
        s,
        PKG,
        "S_CURRCODE",
        "S_CURRCODE",
        "Local currency of airline",
        "Currency",
    );
    elementary(s, PKG, "S_CARRURL", "CHAR", 255, 0, "URL of airline");
    elementary(
        s,
        PKG,
        "S_CONN_ID",
        "NUMC",
        4,
        0,
        "Flight Connection Number",
    );
    elementary(s, PKG, "S_DATE", "DATS", 8, 0, "Flight date");
    domain(s, PKG, "S_PRICE", "CURR", 15, 2, "Airfare");
    data_element(s, PKG, "S_PRICE", "S_PRICE", "Airfare", "Price");
    elementary(s, PKG, "S_PLANETYE", "CHAR", 10, 0, "Aircraft Type");
    elementary(
        s,
        PKG,
        "S_SEATSMAX",
        "INT4",
        10,
        0,
        "Maximum capacity in economy class",
    );
    elementary(
        s,
        PKG,
        "S_SEATSOCC",
        "INT4",
        10,
        0,
        "Occupied seats in economy class",
    );
    domain(s, PKG, "S_SUM", "CURR", 17, 2, "Total of current bookings");
    data_element(
        s,
        PKG,
        "S_SUM",
        "S_SUM",
        "Total of current bookings",
        "Booking total",
    );
    elementary(
        s,
        PKG,
        "S_SMAX_B",
        "INT4",
        10,
        0,
        "Maximum capacity in business class",
    );
    elementary(
        s,
        PKG,
        "S_SOCC_B",
        "INT4",
        10,
        0,
        "Occupied seats in business class",
    );
    elementary(
        s,
        PKG,
        "S_SMAX_F",
        "INT4",
        10,
        0,
        "Maximum capacity in first class",
    );
    elementary(
        s,
        PKG,
        "S_SOCC_F",
        "INT4",
        10,
        0,
        "Occupied seats in first class",
    );
    elementary(s, PKG, "LAND1", "CHAR", 3, 0, "Country Key");
    elementary(s, PKG, "S_CITY", "CHAR", 20, 0, "City");
    elementary(s, PKG, "S_FROMAIRP", "CHAR", 3, 0, "Departure airport");
    elementary(s, PKG, "S_TOAIRP", "CHAR", 3, 0, "Destination airport");
    elementary(s, PKG, "S_FLTIME", "INT4", 10, 0, "Flight time");
    elementary(s, PKG, "S_DEP_TIME", "TIMS", 6, 0, "Departure time");
    elementary(s, PKG, "S_ARR_TIME", "TIMS", 6, 0, "Arrival time");
    domain(s, PKG, "S_DISTANCE", "QUAN", 9, 4, "Distance");
    data_element(s, PKG, "S_DISTANCE", "S_DISTANCE", "Distance", "Distance");
    elementary(
        s,
        PKG,
        "S_DISTID",
        "UNIT",
        3,
        0,
        "Mass unit of distance (kms, miles)",
    );
    elementary(s, PKG, "S_FLTYPE", "CHAR", 1, 0, "Flight type");
    fixed_values(
        s,
        "S_FLTYPE",
        &[("", "Scheduled flight"), ("X", "Charter flight")],
    );
    elementary(s, PKG, "S_PERIOD", "INT1", 3, 0, "Arrival n day(s) later");
    elementary(s, PKG, "S_AIRPORT", "CHAR", 3, 0, "Airport");
    elementary(s, PKG, "S_AIRPNAME", "CHAR", 25, 0, "Airport name");
    elementary(s, PKG, "S_TZONE", "CHAR", 6, 0, "Time zone");
    elementary(s, PKG, "S_BOOK_ID", "NUMC", 8, 0, "Booking number");
    elementary(s, PKG, "S_CUSTOMER", "NUMC", 8, 0, "Customer Number");
    elementary(s, PKG, "S_CUSTTYPE", "CHAR", 1, 0, "Customer type");
    fixed_values(
        s,
        "S_CUSTTYPE",
        &[("P", "Private customer"), ("B", "Business customer")],
    );
    elementary(s, PKG, "S_CLASS", "CHAR", 1, 0, "Flight class");
    fixed_values(
        s,
        "S_CLASS",
        &[("C", "Business"), ("F", "First"), ("Y", "Economy")],
    );
    domain(
        s,
        PKG,
        "S_F_CUR_PR",
        "CURR",
        15,
        2,
        "Booking price in foreign currency",
    );
    data_element(
        s,
        PKG,
        "S_F_CUR_PR",
        "S_F_CUR_PR",
        "Booking price in foreign currency",
        "Amount",
    );
    elementary(s, PKG, "S_BDATE", "DATS", 8, 0, "Booking date");
    elementary(s, PKG, "S_CANCEL", "CHAR", 1, 0, "Cancellation flag");
    elementary(s, PKG, "S_PASSNAME", "CHAR", 25, 0, "Name of the passenger");
    elementary(s, PKG, "S_CUSTNAME", "CHAR", 25, 0, "Customer name");
    elementary(s, PKG, "S_STREET", "CHAR", 30, 0, "Street");
    elementary(s, PKG, "S_POSTCODE", "CHAR", 10, 0, "Postal code");
    elementary(s, PKG, "S_PHONENO", "CHAR", 30, 0, "Telephone number");
    elementary(s, PKG, "S_DISCOUNT", "NUMC", 3, 0, "Discount rate");
    elementary(s, PKG, "S_EMAIL", "CHAR", 40, 0, "E-mail address");

    table(
        s,
        PKG,
        "SCARR",
        TableKind::Transparent,
        "A",
        "Airline",
        &[
            ("MANDT", true, "MANDT"),
            ("CARRID", true, "S_CARR_ID"),
            ("CARRNAME", false, "S_CARRNAME"),
            ("CURRCODE", false, "S_CURRCODE"),
            ("URL", false, "S_CARRURL"),
        ],
    );
    table(
        s,
        PKG,
        "SAIRPORT",
        TableKind::Transparent,
        "A",
        "Airports",
        &[
            ("MANDT", true, "MANDT"),
            ("ID", true, "S_AIRPORT"),
            ("NAME", false, "S_AIRPNAME"),
            ("TIME_ZONE", false, "S_TZONE"),
        ],
    );
    table(
        s,
        PKG,
        "SPFLI",
        TableKind::Transparent,
        "A",
        "Flight schedule",
        &[
            ("MANDT", true, "MANDT"),
            ("CARRID", true, "S_CARR_ID"),
            ("CONNID", true, "S_CONN_ID"),
            ("COUNTRYFR", false, "LAND1"),
            ("CITYFROM", false, "S_CITY"),
            ("AIRPFROM", false, "S_FROMAIRP"),
            ("COUNTRYTO", false, "LAND1"),
            ("CITYTO", false, "S_CITY"),
            ("AIRPTO", false, "S_TOAIRP"),
            ("FLTIME", false, "S_FLTIME"),
            ("DEPTIME", false, "S_DEP_TIME"),
            ("ARRTIME", false, "S_ARR_TIME"),
            ("DISTANCE", false, "S_DISTANCE"),
            ("DISTID", false, "S_DISTID"),
            ("FLTYPE", false, "S_FLTYPE"),
            ("PERIOD", false, "S_PERIOD"),
        ],
    );
    table(
        s,
        PKG,
        "SFLIGHT",
        TableKind::Transparent,
        "A",
        "Flight",
        &[
            ("MANDT", true, "MANDT"),
            ("CARRID", true, "S_CARR_ID"),
            ("CONNID", true, "S_CONN_ID"),
            ("FLDATE", true, "S_DATE"),
            ("PRICE", false, "S_PRICE"),
            ("CURRENCY", false, "S_CURRCODE"),
            ("PLANETYPE", false, "S_PLANETYE"),
            ("SEATSMAX", false, "S_SEATSMAX"),
            ("SEATSOCC", false, "S_SEATSOCC"),
            ("PAYMENTSUM", false, "S_SUM"),
            ("SEATSMAX_B", false, "S_SMAX_B"),
            ("SEATSOCC_B", false, "S_SOCC_B"),
            ("SEATSMAX_F", false, "S_SMAX_F"),
            ("SEATSOCC_F", false, "S_SOCC_F"),
        ],
    );
    table(
        s,
        PKG,
        "SCUSTOM",
        TableKind::Transparent,
        "A",
        "Flight customers",
        &[
            ("MANDT", true, "MANDT"),
            ("ID", true, "S_CUSTOMER"),
            ("NAME", false, "S_CUSTNAME"),
            ("STREET", false, "S_STREET"),
            ("POSTCODE", false, "S_POSTCODE"),
            ("CITY", false, "S_CITY"),
            ("COUNTRY", false, "LAND1"),
            ("TELEPHONE", false, "S_PHONENO"),
            ("CUSTTYPE", false, "S_CUSTTYPE"),
            ("DISCOUNT", false, "S_DISCOUNT"),
            ("EMAIL", false, "S_EMAIL"),
        ],
    );
    table(
        s,
        PKG,
        "SBOOK",
        TableKind::Transparent,
        "A",
        "Single flight booking",
        &[
            ("MANDT", true, "MANDT"),
            ("CARRID", true, "S_CARR_ID"),
            ("CONNID", true, "S_CONN_ID"),
            ("FLDATE", true, "S_DATE"),
            ("BOOKID", true, "S_BOOK_ID"),
            ("CUSTOMID", false, "S_CUSTOMER"),
            ("CUSTTYPE", false, "S_CUSTTYPE"),
            ("CLASS", false, "S_CLASS"),
            ("FORCURAM", false, "S_F_CUR_PR"),
            ("FORCURKEY", false, "S_CURRCODE"),
            ("ORDER_DATE", false, "S_BDATE"),
            ("CANCELLED", false, "S_CANCEL"),
            ("PASSNAME", false, "S_PASSNAME"),
        ],
    );
    table(
        s,
        PKG,
        "SFLIGHT_KEY",
        TableKind::Structure,
        "",
        "Key of a flight",
        &[
            ("CARRID", false, "S_CARR_ID"),
            ("CONNID", false, "S_CONN_ID"),
            ("FLDATE", false, "S_DATE"),
        ],
    );
    table_type(s, PKG, "FLIGHTTAB", "SFLIGHT", "Table of flights");
    table_type(s, PKG, "SPFLI_TAB", "SPFLI", "Table of flight connections");
    table_type(s, PKG, "SBOOK_TAB", "SBOOK", "Table of bookings");
}

fn text(s: &str) -> Value {
    Value::Char(s.to_string())
}

fn client() -> Value {
    text("100")
}

fn airport(id: &str) -> (&'static str, &'static str) {
    AIRPORTS
        .iter()
        .find(|a| a.0 == id)
        .map(|a| (a.3, a.4))
        .unwrap_or(("", ""))
}

fn fill_scarr(system: &mut System) {
    let rows = CARRIERS
        .iter()
        .map(|(code, name, currency, url)| {
            vec![client(), text(code), text(name), text(currency), text(url)]
        })
        .collect();
    system.table_rows.insert("SCARR".to_string(), rows);
}

fn fill_sairport(system: &mut System) {
    let rows = AIRPORTS
        .iter()
        .map(|(id, name, zone, _, _)| vec![client(), text(id), text(name), text(zone)])
        .collect();
    system.table_rows.insert("SAIRPORT".to_string(), rows);
}

fn hhmmss_plus(start: &str, minutes: i64) -> (String, i64) {
    let h: i64 = start.get(0..2).and_then(|v| v.parse().ok()).unwrap_or(0);
    let m: i64 = start.get(2..4).and_then(|v| v.parse().ok()).unwrap_or(0);
    let total = h * 60 + m + minutes;
    (
        format!("{:02}{:02}00", (total / 60) % 24, total % 60),
        total / (24 * 60),
    )
}

fn fill_spfli(system: &mut System) {
    let rows = CONNECTIONS
        .iter()
        .map(|(carrier, connid, from, to, dep, minutes, km)| {
            let (city_from, country_from) = airport(from);
            let (city_to, country_to) = airport(to);
            let (arrival, days) = hhmmss_plus(dep, *minutes);
            vec![
                client(),
                text(carrier),
                Value::Numc(format!("{connid:04}")),
                text(country_from),
                text(city_from),
                text(from),
                text(country_to),
                text(city_to),
                text(to),
                Value::Int(*minutes),
                Value::Time((*dep).to_string()),
                Value::Time(arrival),
                Value::Packed {
                    units: km * 10_000,
                    decimals: 4,
                },
                text("KM"),
                text(""),
                Value::Int(days),
            ]
        })
        .collect();
    system.table_rows.insert("SPFLI".to_string(), rows);
}

fn currency_of(carrier: &str) -> &'static str {
    CARRIERS
        .iter()
        .find(|c| c.0 == carrier)
        .map(|c| c.2)
        .unwrap_or("EUR")
}

fn fill_sflight(system: &mut System, rng: &mut StdRng, base: NaiveDate) {
    let mut rows = Vec::new();
    for (index, (carrier, connid, _, _, _, minutes, _)) in CONNECTIONS.iter().enumerate() {
        let (plane, max_y, max_b, max_f) = PLANES[index % PLANES.len()];
        // Price grows with flight time; JPY has no decimals in practice but keeps CURR 2.
        let base_price = 80 + minutes * 11 / 10;
        let multiplier = match currency_of(carrier) {
            "JPY" => 110,
            "ZAR" => 17,
            _ => 1,
        };
        for week in 0..13 {
            let date = base + chrono::Duration::days(week * 7 + (index as i64 % 7));
            let price_units =
                (base_price * multiplier * 100) + rng.random_range(0..5000) * multiplier;
            let occupied_y = rng.random_range(max_y / 3..=max_y);
            let occupied_b = rng.random_range(0..=max_b);
            let occupied_f = if max_f == 0 {
                0
            } else {
                rng.random_range(0..=max_f)
            };
            let payment = price_units * occupied_y
                + price_units * 2 * occupied_b
                + price_units * 4 * occupied_f;
            rows.push(vec![
                client(),
                text(carrier),
                Value::Numc(format!("{connid:04}")),
                Value::Date(date.format("%Y%m%d").to_string()),
                Value::Packed {
                    units: price_units,
                    decimals: 2,
                },
                text(currency_of(carrier)),
                text(plane),
                Value::Int(max_y),
                Value::Int(occupied_y),
                Value::Packed {
                    units: payment,
                    decimals: 2,
                },
                Value::Int(max_b),
                Value::Int(occupied_b),
                Value::Int(max_f),
                Value::Int(occupied_f),
            ]);
        }
    }
    system.table_rows.insert("SFLIGHT".to_string(), rows);
}

fn fill_scustom(system: &mut System, rng: &mut StdRng) {
    let mut rows = Vec::new();
    for id in 1..=120u32 {
        let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
        let last = LAST_NAMES[rng.random_range(0..LAST_NAMES.len())];
        let (_, _, _, city, country) = AIRPORTS[rng.random_range(0..AIRPORTS.len())];
        let business = rng.random_bool(0.3);
        rows.push(vec![
            client(),
            Value::Numc(format!("{id:08}")),
            text(&format!("{first} {last}")),
            text(&format!(
                "{} {}",
                [
                    "Main Street",
                    "Park Avenue",
                    "Bahnhofstr.",
                    "Rue de la Paix",
                    "Via Roma"
                ][id as usize % 5],
                rng.random_range(1..200)
            )),
            text(&format!("{:05}", rng.random_range(1000..99999))),
            text(city),
            text(country),
            text(&format!(
                "+{} {:09}",
                rng.random_range(1..99),
                rng.random_range(10_000_000..999_999_999)
            )),
            text(if business { "B" } else { "P" }),
            Value::Numc(format!(
                "{:03}",
                if business { rng.random_range(5..30) } else { 0 }
            )),
            text(&format!(
                "{}.{}@example.com",
                first.to_lowercase(),
                last.to_lowercase()
            )),
        ]);
    }
    system.table_rows.insert("SCUSTOM".to_string(), rows);
}

fn fill_sbook(system: &mut System, rng: &mut StdRng) {
    let flights: Vec<Row> = system
        .table_rows
        .get("SFLIGHT")
        .cloned()
        .unwrap_or_default();
    let customers: Vec<Row> = system
        .table_rows
        .get("SCUSTOM")
        .cloned()
        .unwrap_or_default();
    let mut rows = Vec::new();
    let mut book_id = 1u32;
    for flight in flights.iter().step_by(2) {
        for _ in 0..rng.random_range(1..=4) {
            let Some(customer) = customers.get(rng.random_range(0..customers.len().max(1))) else {
                continue;
            };
            let class = ["Y", "Y", "Y", "C", "F"][rng.random_range(0..5)];
            let factor = match class {
                "C" => 2,
                "F" => 4,
                _ => 1,
            };
            let price = match &flight[4] {
                Value::Packed { units, .. } => *units * factor,
                _ => 0,
            };
            let flight_date = flight[3].to_text();
            let order_date = NaiveDate::parse_from_str(&flight_date, "%Y%m%d")
                .map(|d| d - chrono::Duration::days(rng.random_range(3..90)))
                .map(|d| d.format("%Y%m%d").to_string())
                .unwrap_or_else(|_| flight_date.clone());
            rows.push(vec![
                client(),
                flight[1].clone(),
                flight[2].clone(),
                flight[3].clone(),
                Value::Numc(format!("{book_id:08}")),
                customer[1].clone(),
                customer[8].clone(),
                text(class),
                Value::Packed {
                    units: price,
                    decimals: 2,
                },
                flight[5].clone(),
                Value::Date(order_date),
                text(if rng.random_bool(0.05) { "X" } else { "" }),
                customer[2].clone(),
            ]);
            book_id += 1;
        }
    }
    system.table_rows.insert("SBOOK".to_string(), rows);
}
