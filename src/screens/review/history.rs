//! When a value was last written, from its merge stamp (the stamp's clock follows the wall clock in
//! milliseconds unless the device's clock went backwards).

use thidua_core::Stamp;

/// `dd/mm/yyyy hh:mm` in the browser's time zone; `None` for values never written here (imported).
pub fn stamp_text(s: &Stamp) -> Option<String> {
    if s.clock == 0 {
        return None;
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(s.clock as f64));
    if d.get_time().is_nan() {
        return None;
    }
    Some(format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    ))
}
