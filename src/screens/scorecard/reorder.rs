//! Moving a row up or down, for sections and criteria alike.

use leptos::html::Button;
use leptos::prelude::*;

/// Moves the item with `id` by `delta` places; false when it is not there or would leave the list.
pub(super) fn shift<T>(items: &mut [T], id: impl Fn(&T) -> bool, delta: isize) -> bool {
    let Some(i) = items.iter().position(id) else { return false };
    let j = i as isize + delta;
    if j < 0 || j as usize >= items.len() {
        return false;
    }
    items.swap(i, j as usize);
    true
}

/// Moving the row in the page takes the focus away from the button just pressed: give it back.
pub(super) fn refocus(up: NodeRef<Button>, down: NodeRef<Button>, delta: isize) {
    let r = if delta < 0 { up } else { down };
    request_animation_frame(move || {
        if let Some(b) = r.get_untracked() {
            if !b.disabled() {
                let _ = b.focus();
            }
        }
    });
}
