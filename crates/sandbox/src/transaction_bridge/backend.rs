//! The simulated back end behind the recordings: the user master (SU01), material master
//! (MM03) and sales documents (VA01). One per sandbox, shared by all sessions as the tables of
//! a real system are; what one session changes the next call (in any session) sees.

use std::collections::VecDeque;

use chrono::{NaiveDate, NaiveDateTime};

use super::seed;

/// Why a user cannot log on or is shown as locked in SU01.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LockState {
    NotLocked,
    ByAdministrator,
    IncorrectLogons,
}

#[derive(Debug, Clone)]
pub(crate) struct User {
    pub name: String,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub email: String,
    pub department: &'static str,
    /// `A` dialog, `B` system, `C` communication, `S` service.
    pub user_type: char,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub lock: LockState,
    pub last_logon: Option<NaiveDateTime>,
    pub roles: Vec<(&'static str, &'static str)>,
    /// Only the sandbox's configured users can log on through the bridge.
    pub password: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct StorageLocation {
    pub id: &'static str,
    pub description: &'static str,
    /// Unrestricted-use stock in the base unit.
    pub stock: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct PlantData {
    pub plant: &'static str,
    pub name: &'static str,
    /// `PD` MRP, `VB` reorder point, `ND` no planning.
    pub mrp_type: &'static str,
    pub storage_locations: Vec<StorageLocation>,
}

#[derive(Debug, Clone)]
pub(crate) struct Material {
    pub number: &'static str,
    pub description: &'static str,
    pub material_type: &'static str,
    pub material_group: &'static str,
    pub base_unit: &'static str,
    /// As the screen shows it (user format `1,234.567`). A value too big for the field shows
    /// as asterisks, as SAP GUI does.
    pub gross_weight: &'static str,
    pub weight_unit: &'static str,
    pub created_on: NaiveDate,
    pub plants: Vec<PlantData>,
    /// Net price per base unit in the sales organisation's currency.
    pub price: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct Customer {
    pub number: &'static str,
    pub name: &'static str,
    pub city: &'static str,
    /// Sales areas (sales organisation, distribution channel, division) it is extended to.
    pub sales_areas: &'static [(&'static str, &'static str, &'static str)],
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OrderItem {
    pub item: u32,
    pub material: &'static str,
    pub description: &'static str,
    pub quantity: f64,
    pub unit: &'static str,
    pub plant: &'static str,
    pub net_value: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct SalesOrder {
    pub number: u32,
    pub sold_to: &'static str,
    pub purchase_order: String,
    pub items: Vec<OrderItem>,
    pub created_by: String,
}

/// How many saved orders are kept: enough to look at, bounded for long mass runs.
const KEPT_ORDERS: usize = 500;
/// The first order number the sandbox hands out.
pub(crate) const FIRST_ORDER_NUMBER: u32 = 12345;

pub(crate) struct Backend {
    pub users: Vec<User>,
    pub materials: Vec<Material>,
    pub customers: Vec<Customer>,
    orders: VecDeque<SalesOrder>,
    next_order: u32,
}

impl Backend {
    /// The seeded system, with the sandbox's own users (who can log on) added to the user master.
    pub(crate) fn seeded(logon_users: &[(String, String)]) -> Self {
        Self {
            users: seed::users(logon_users),
            materials: seed::materials(),
            customers: seed::customers(),
            orders: VecDeque::new(),
            next_order: FIRST_ORDER_NUMBER,
        }
    }

    pub(crate) fn user(&self, name: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.name.eq_ignore_ascii_case(name))
    }

    pub(crate) fn user_mut(&mut self, name: &str) -> Option<&mut User> {
        self.users
            .iter_mut()
            .find(|u| u.name.eq_ignore_ascii_case(name))
    }

    pub(crate) fn material(&self, number: &str) -> Option<&Material> {
        self.materials
            .iter()
            .find(|m| m.number.eq_ignore_ascii_case(number))
    }

    pub(crate) fn customer(&self, number: &str) -> Option<&Customer> {
        // The screen fills a numeric customer number with leading zeros.
        let wanted = number.trim_start_matches('0');
        self.customers
            .iter()
            .find(|c| c.number.trim_start_matches('0') == wanted)
    }

    /// Saves an order and returns its number.
    pub(crate) fn save_order(
        &mut self,
        sold_to: &'static str,
        purchase_order: String,
        items: Vec<OrderItem>,
        created_by: &str,
    ) -> u32 {
        let number = self.next_order;
        self.next_order += 1;
        if self.orders.len() == KEPT_ORDERS {
            self.orders.pop_front();
        }
        self.orders.push_back(SalesOrder {
            number,
            sold_to,
            purchase_order,
            items,
            created_by: created_by.to_owned(),
        });
        number
    }

    pub(crate) fn order(&self, number: u32) -> Option<&SalesOrder> {
        self.orders.iter().find(|o| o.number == number)
    }
}

/// SAP's selection patterns: `*` any characters, `+` one character, case-insensitive.
pub(crate) fn matches_pattern(pattern: &str, text: &str) -> bool {
    fn go(pattern: &[char], text: &[char]) -> bool {
        match pattern.split_first() {
            None => text.is_empty(),
            Some(('*', rest)) => (0..=text.len()).any(|skip| go(rest, &text[skip..])),
            Some(('+', rest)) => !text.is_empty() && go(rest, &text[1..]),
            Some((c, rest)) => {
                text.first()
                    .is_some_and(|t| t.to_lowercase().eq(c.to_lowercase()))
                    && go(rest, &text[1..])
            }
        }
    }
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    go(&pattern, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_patterns() {
        assert!(matches_pattern("J*", "JSMITH"));
        assert!(matches_pattern("*smith", "JSMITH"));
        assert!(matches_pattern("+SMITH", "JSMITH"));
        assert!(!matches_pattern("+SMITH", "SMITH"));
        assert!(matches_pattern("*", ""));
        assert!(!matches_pattern("J", "JSMITH"));
    }

    #[test]
    fn order_numbers_count_up_and_old_orders_are_dropped() {
        let mut backend = Backend::seeded(&[]);
        let first = backend.save_order("17100001", String::new(), Vec::new(), "DEVELOPER");
        assert_eq!(first, FIRST_ORDER_NUMBER);
        for _ in 0..KEPT_ORDERS {
            backend.save_order("17100001", String::new(), Vec::new(), "DEVELOPER");
        }
        assert!(backend.order(first).is_none());
        assert!(backend.order(first + 1).is_some());
    }
}
