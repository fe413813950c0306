//! Clutter hidden whole: pages written from scratch in
//! `tests/fixtures/whole/`, one per shape of block that live declutter once
//! hid only in part (a comment thread longer than a block may grow, a
//! consent banner with its logo and a close button named "banner", a
//! sidebar of a site's newest posts, related links wrapped in a `<span>`,
//! a footer row of social icons around the copyright line, named for the
//! copyright, not as a share bar, a sign-up band whose form a script fills,
//! an affiliate disclosure, story cards with dates and excerpt lines under
//! "Keep reading", the lone "Manage consent" tab a consent platform leaves,
//! sign-up wording beside the empty place a form service fills, a reply
//! form whose "Name" field is named for its author, no byline; story cards
//! under a "Related posts" label whose links are a picture and a "Read", a
//! grid of related cards whose heading is the element before it; a sign-up
//! pop-up the page keeps hidden until a script shows it; a pitch with one
//! button; a forum's quick-reply form; a cookie notice that takes consent
//! from carrying on; the consent tab inside a page wrapper; a footer row
//! with a lone "©"; a legal row with an icon link; related cards with
//! excerpts; a sign-up box with title, subtitle and picture; a sign-up
//! form with a consent line; related cards with linked thumbnails; a Q&A
//! page's comment threads, marked only by schema.org `Comment` microdata,
//! and its answer form with headings and a "banner" close button; a
//! carousel of story cards each with an excerpt; a "More posts" list with
//! linked titles in a box named for the author; legal notices a link cuts,
//! a footer row with the site's logo, a registration notice and a
//! terms-acceptance line; cards under a "Continue reading" heading;
//! footer links to a newsletter's sign-up beside the site's own links and
//! menu; a sign-up column whose fine print links the privacy policy; a
//! copyright line closing the story; a sign-up box under a table of
//! contents' heading; share buttons that are `div role=button` icons with
//! only a label for screen readers; a share list after the article's last
//! paragraph, in the body's own container, with its "Share this on:" label;
//! a video player that floats in a corner and "back to top" buttons, one
//! an icon with only a label for screen readers).
//! Marks as in `tests/declutter_guard.rs`: every `data-expect-clutter`
//! block is hidden whole by a block of its kind, and no `data-expect-keep`
//! element is touched.

mod plan_marks;
use plan_marks::check_dir;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/whole");

#[test]
fn whole_fixtures() {
    check_dir(DIR, 1);
}
