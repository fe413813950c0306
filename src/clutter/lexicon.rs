//! The wording of clutter, in English, German, French and Spanish (with a
//! little Italian, Portuguese, Dutch, Swedish, Polish, Japanese and Chinese).
//! Phrases match at word boundaries; a trailing `*` matches any word ending
//! (`kommentar*` finds `Kommentare`).
//!
//! Every phrase is wording a reader meets on many sites in its language,
//! never one page's or one site's label: a block in a clutter fixture must
//! not be found by a phrase copied from it (clutter fixtures 34-43 were
//! written apart from this list and exercise its less common phrases).

use super::kinds::{bit, KINDS};
use crate::model::ClutterKind;

/// Phrases that invite signing up for a newsletter.
const NEWSLETTER: &[&str] = &[
    "newsletter*",
    "sign up",
    "signup",
    "subscribe",
    "subscription",
    "inbox",
    "mailing list",
    "email updates",
    "e-mail updates",
    "daily briefing",
    "get the latest",
    "get our",
    "delivered to your",
    "abonnieren",
    "anmelden",
    "jetzt registrieren",
    "postfach",
    "abonnez-vous",
    "s'abonner",
    "inscrivez-vous",
    "inscription",
    "lettre d'information",
    "boîte mail",
    "boîte de réception",
    "suscríbete",
    "suscribirse",
    "suscribete",
    "boletín",
    "boletin",
    "regístrate",
    "bandeja de entrada",
    "iscriviti",
    "assine",
    "inscreva-se",
    "aanmelden",
    "nieuwsbrief",
    "by email",
    "by e-mail",
    "per e-mail",
    "per email",
    "nyhetsbrev*",
    "prenumerera",
];

/// Phrases strong enough to name a newsletter prompt on their own.
const NEWSLETTER_STRONG: &[&str] = &[
    "newsletter*",
    "mailing list",
    "sign up for our",
    "subscribe to our",
    "delivered to your inbox",
    "sent right to your inbox",
    "straight to your inbox",
    "lettre d'information",
    "boletín",
    "nieuwsbrief",
    "nyhetsbrev*",
    "follow by email",
    "email updates",
    "e-mail updates",
];

const COMMENTS: &[&str] = &[
    "comment",
    "comments",
    "commenting",
    "join the conversation",
    "join the discussion",
    "community guidelines",
    "leave a reply",
    "post a reply",
    "post reply",
    "quick reply",
    "post your answer",
    "add a comment",
    "show comments",
    "kommentar*",
    "leserkommentar*",
    "diskutieren sie mit",
    "diskussion",
    "commentaire*",
    "réagir",
    "réagissez",
    "laisser un commentaire",
    "comentario*",
    "comentar",
    "deja un comentario",
    "commenti",
    "commenta",
    "comentários",
    "reacties",
    "replies",
    "réponse*",
    "komentarz*",
    "kommentera",
    "conversation",
];

const COPYRIGHT: &[&str] = &[
    "©",
    "copyright",
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechten voorbehouden",
    "registered trademark*",
    "privacy policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "do not sell",
    "impressum",
    "datenschutzerklärung",
    "nutzungsbedingungen",
    "mentions légales",
    "politique de confidentialité",
    "aviso legal",
    "política de privacidad",
    // Terms a visitor accepts by using the site, and the company's or
    // charity's registration a footer must print: legal notices.
    "by using this website",
    "by using this site",
    "by accessing or using",
    "you agree to our terms",
    "registered charity",
    "charity number",
    "registered office",
    "registered in england",
    "company number",
    "company registration number",
    "limited by guarantee",
    "authorised and regulated",
    "authorized and regulated",
    "vat number",
    "handelsregister",
    "registergericht",
    "partita iva",
    "registro mercantil",
    // Affiliate and advertising disclosures: the same legal notice on every
    // page of a site.
    "affiliate links",
    "affiliate link",
    "affiliate disclosure",
    "advertising disclosure",
    "earn commission",
    "earn a commission",
    "earn us a commission",
    "earn a small commission",
    "earn money when you click",
    "qualifying purchases",
    "as an amazon associate",
    "affiliate-links",
    "provisionslinks",
    "liens affiliés",
    "lien affilié",
    "enlaces de afiliados",
    "enlaces de afiliado",
    "link di affiliazione",
    "link affiliati",
    "links de afiliados",
];

const SHARE: &[&str] = &[
    "share",
    "share this",
    "tweet",
    "teilen",
    "partager",
    "compartir",
    "condividi",
    "partilhar",
    "delen",
];

const RELATED: &[&str] = &[
    "related",
    "more from",
    "more stories",
    "more news",
    "read more",
    "read next",
    "recommended",
    "you may also like",
    "you might also like",
    "most popular",
    "most read",
    "trending",
    "top stories",
    "latest news",
    "also read",
    "more on this",
    "weitere artikel",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "meistgelesen",
    "auch interessant",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "les plus lus",
    "vous aimerez aussi",
    "te puede interesar",
    "relacionad*",
    "lo más leído",
    "más noticias",
    "leer más",
    "potrebbe interessarti",
    "leia também",
    "lees ook",
    "keep reading",
    "continue reading",
    "other posts",
    "headlines",
    "schlagzeilen",
    "titulares",
    "more in",
    "most shared",
    "ähnliche beiträge",
    "leggi anche",
    "czytaj także",
    "läs också",
    "lesen sie auch",
    "voir aussi",
    // A site's other posts, newest or most read.
    "recent posts",
    "latest posts",
    "recent articles",
    "latest articles",
    "popular posts",
    "popular articles",
    "more articles",
    "more posts",
    "neueste beiträge",
    "aktuelle beiträge",
    "neueste artikel",
    "articles récents",
    "derniers articles",
    "entradas recientes",
    "artículos recientes",
    "últimos artículos",
    "articoli recenti",
    "ultimi articoli",
    "artigos recentes",
    "posts recentes",
    "recente berichten",
    "nieuwste berichten",
    "senaste inläggen",
    "najnowsze wpisy",
];

const COOKIE: &[&str] = &[
    "cookie*",
    "we value your privacy",
    "your privacy choices",
    "privacy settings",
    "consent",
    "einwilligung",
    "datenschutzeinstellungen",
    "wir und unsere partner",
    "consentement",
    "consentimiento",
    "vos choix",
];

/// The verbs of a consent button: with cookie wording, a consent notice.
const COOKIE_STRONG: &[&str] = &[
    "accept",
    "accept all",
    "allow all",
    "reject all",
    "agree",
    "i agree",
    "got it",
    "allow",
    "akzeptieren",
    "alle akzeptieren",
    "zustimmen",
    "ablehnen",
    "tout accepter",
    "accepter",
    "refuser",
    "tout refuser",
    "aceptar",
    "aceptar todo",
    "rechazar",
    "rechazar todo",
    "accetta",
    "accetta tutto",
    "rifiuta",
    "aceitar",
    "accepteren",
    "akkoord",
    "weigeren",
    "akceptuję",
    "zgadzam się",
    "odrzuć",
    "godkänn",
    "acceptera",
];

const APP_PROMO: &[&str] = &[
    "download the app",
    "download our app",
    "get the app",
    "get our app",
    "download the * app",
    "app store",
    "google play",
    "in the app",
    "our free app",
    "app herunterladen",
    "laden sie die app",
    "téléchargez l'application",
    "téléchargez notre application",
    "descarga la app",
    "descarga nuestra app",
    "scarica l'app",
    "baixe o app",
];

/// Labels that mark an ad slot when they are all its text.
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "anuncio",
    "pubblicità",
    "publicidade",
    "advertentie",
    "reklama",
];

/// Phrases in scripts written without spaces, matched as substrings.
const UNSPACED: &[(&str, ClutterKind)] = &[
    ("関連記事", ClutterKind::Related),
    ("おすすめ", ClutterKind::Related),
    ("相关阅读", ClutterKind::Related),
    ("最新記事", ClutterKind::Related),
    ("最新文章", ClutterKind::Related),
    ("ニュースレター", ClutterKind::Newsletter),
    ("メールマガジン", ClutterKind::Newsletter),
    ("コメント", ClutterKind::Comments),
    ("评论", ClutterKind::Comments),
];

/// Class and id words that name a kind (generic vocabulary, no site's).
pub fn kind_of_name_token(token: &str) -> Option<ClutterKind> {
    Some(match token {
        "newsletter" | "newsletters" | "subscribe" | "signup" => ClutterKind::Newsletter,
        "comments" | "comment" | "disqus" | "commentlist" | "replies" => ClutterKind::Comments,
        "share" | "sharing" | "social" | "sharebar" | "addthis" | "sharethis" => ClutterKind::Share,
        "related" | "recommended" | "recommendations" | "outbrain" | "taboola" | "trending" => {
            ClutterKind::Related
        }
        "ad" | "ads" | "advert" | "adverts" | "advertisement" | "advertising" | "adslot"
        | "adunit" | "dfp" | "gpt" | "adsbygoogle" | "sponsored" | "banner" => ClutterKind::Ad,
        "cookie" | "cookies" | "consent" | "gdpr" | "cmp" => ClutterKind::CookieConsent,
        _ => return None,
    })
}

pub fn phrases(kind: ClutterKind) -> &'static [&'static str] {
    match kind {
        ClutterKind::Newsletter => NEWSLETTER,
        ClutterKind::Comments => COMMENTS,
        ClutterKind::RepeatedBoilerplate => COPYRIGHT,
        ClutterKind::Share => SHARE,
        ClutterKind::Related => RELATED,
        ClutterKind::Ad | ClutterKind::Floating | ClutterKind::UserRule => &[],
        ClutterKind::CookieConsent => COOKIE,
        ClutterKind::AppPromo => APP_PROMO,
    }
}

pub fn is_ad_label(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    AD_LABELS.contains(&t.as_str())
}

/// Whole labels of a "back to top" control, arrows and punctuation aside.
const BACK_TO_TOP: &[&str] = &[
    "back to top",
    "back to the top",
    "to top",
    "go to top",
    "jump to top",
    "scroll to top",
    "return to top",
    "top of page",
    "nach oben",
    "zurück nach oben",
    "haut de page",
    "retour en haut",
    "volver arriba",
    "ir arriba",
    "torna su",
    "naar boven",
    "terug naar boven",
    "voltar ao topo",
];

/// Is `label` (lower-cased), whole, a "back to top" control's? `Some(true)`
/// when it says so, `Some(false)` when it says no more than "top" or "up"
/// (or nothing: an arrow), for the control's names to decide, and `None`
/// when it says something else.
pub fn back_to_top_label(label: &str) -> Option<bool> {
    let words = table_words(label).join(" ");
    if BACK_TO_TOP.contains(&words.as_str()) {
        Some(true)
    } else {
        matches!(words.as_str(), "" | "top" | "up").then_some(false)
    }
}

/// Does a class or id name a "back to top" control (`back-to-top`,
/// `scrollToTop`, `gotop`)?
pub fn names_back_to_top(name: &str) -> bool {
    let squeezed: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    ["backtotop", "scrolltop", "scrolltotop", "gototop", "totop"]
        .iter()
        .any(|w| squeezed.contains(w))
        || ["gotop", "pagetop", "topbtn", "btntop", "toplink", "linktop"]
            .contains(&squeezed.as_str())
}

/// Whole texts of a table of contents' heading, left behind when cleaning
/// dropped the list of in-page links under it.
const CONTENTS_LABELS: &[&str] = &[
    "table of contents",
    "contents",
    "on this page",
    "in this article",
    "jump to",
    "skip to",
    "inhaltsverzeichnis",
    "inhalt",
    "sommaire",
    "table des matières",
    "índice",
    "contenido",
    "indice",
    "inhoud",
    "inhoudsopgave",
];

/// Is `text`, whole, the heading of a table of contents ("Table of
/// Contents", "On this page:")? Case and punctuation aside.
pub fn is_contents_label(text: &str) -> bool {
    let lower = text.to_lowercase();
    CONTENTS_LABELS.contains(&table_words(&lower).join(" ").as_str())
}

/// Which kinds' wording a lower-cased text holds, as bits (see
/// [`super::evidence::bit`]), and which of those are strong. Words are
/// matched through one table built on first use, so each text is read once.
pub fn wording_in(text: &str) -> (u16, u16) {
    static TABLE: std::sync::OnceLock<PhraseTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(PhraseTable::build).scan(text)
}

struct Phrase {
    words: Vec<String>,
    /// The last word matches as a prefix (`kommentar*`).
    prefix: bool,
    kind_bit: u16,
    strong_bit: u16,
}

struct PhraseTable {
    /// Phrases by their first word (exact match).
    by_first: std::collections::HashMap<String, Vec<usize>, crate::text::FastHash>,
    /// One-word prefix phrases with their first byte, tried against every
    /// word that starts with that byte.
    prefixes: Vec<(u8, usize)>,
    phrases: Vec<Phrase>,
}

/// Words as the table sees them: letters and digits, with apostrophes kept
/// inside words (`s'abonner`) and `©` as a word of its own.
fn table_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || ((c == '\'' || c == '’') && start.is_some());
        if in_word {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            words.push(&text[s..i]);
        }
        if c == '©' {
            words.push(&text[i..i + c.len_utf8()]);
        }
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
    words
}

impl PhraseTable {
    fn build() -> PhraseTable {
        let mut table = PhraseTable {
            by_first: Default::default(),
            prefixes: Vec::new(),
            phrases: Vec::new(),
        };
        let strong = [
            (ClutterKind::Newsletter, NEWSLETTER_STRONG),
            (ClutterKind::CookieConsent, COOKIE_STRONG),
        ];
        let mut add = |phrase: &str, kind_bit: u16, strong_bit: u16| {
            let prefix = phrase.ends_with('*');
            let cleaned = phrase.trim_end_matches('*').replace('’', "'");
            // "download the * app": the empty word stands for any one word.
            let words: Vec<String> = if phrase.contains(" * ") {
                phrase
                    .split(' ')
                    .map(|w| {
                        if w == "*" {
                            String::new()
                        } else {
                            w.to_string()
                        }
                    })
                    .collect()
            } else {
                table_words(&cleaned)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            };
            let ix = table.phrases.len();
            if prefix && words.len() == 1 {
                table.prefixes.push((words[0].as_bytes()[0], ix));
            } else if let Some(first) = words.first() {
                table.by_first.entry(first.clone()).or_default().push(ix);
            }
            table.phrases.push(Phrase {
                words,
                prefix,
                kind_bit,
                strong_bit,
            });
        };
        for kind in KINDS {
            for phrase in phrases(kind) {
                add(phrase, bit(kind), 0);
            }
        }
        for (kind, list) in strong {
            for phrase in list {
                add(phrase, 0, bit(kind));
            }
        }
        table
    }

    fn scan(&self, text: &str) -> (u16, u16) {
        let normalised;
        let text = if text.contains('’') {
            normalised = text.replace('’', "'");
            &normalised
        } else {
            text
        };
        let words = table_words(text);
        let (mut kinds, mut strong) = (0u16, 0u16);
        if !text.is_ascii() {
            for &(phrase, kind) in UNSPACED {
                if text.contains(phrase) {
                    kinds |= bit(kind);
                    if kind == ClutterKind::Newsletter {
                        strong |= bit(kind);
                    }
                }
            }
        }
        for (i, word) in words.iter().enumerate() {
            let exact = self.by_first.get(*word).into_iter().flatten();
            // (A word is never empty; a prefix matches only words that
            // start with its first byte.)
            let first = word.as_bytes()[0];
            let prefixes = self
                .prefixes
                .iter()
                .filter(|&&(b, _)| b == first)
                .map(|(_, p)| p);
            for &p in exact.chain(prefixes) {
                let phrase = &self.phrases[p];
                if self.matches_at(phrase, &words[i..]) {
                    kinds |= phrase.kind_bit;
                    strong |= phrase.strong_bit;
                }
            }
        }
        (kinds, strong)
    }

    fn matches_at(&self, phrase: &Phrase, words: &[&str]) -> bool {
        if phrase.words.len() > words.len() {
            return false;
        }
        let last = phrase.words.len() - 1;
        phrase
            .words
            .iter()
            .zip(words)
            .enumerate()
            .all(|(i, (want, got))| {
                want.is_empty()
                    || (if i == last && phrase.prefix {
                        got.starts_with(want.as_str())
                    } else {
                        want == got
                    })
            })
    }
}

/// Consent taken from carrying on ("by continuing to use this site, you
/// agree to our use of cookies"): a cookie notice with no consent button.
const IMPLIED_CONSENT: &[&str] = &[
    "by continuing to use",
    "by continuing to browse",
    "by using this site",
    "by using this website",
    "by using our site",
    "by using our website",
    "you are consenting",
    "you consent to our use",
    "you agree to our use",
    "you accept our use",
    "en poursuivant votre navigation",
    "en continuant à naviguer",
    "wenn sie die website weiter nutzen",
    "durch die weitere nutzung",
    "al continuar navegando",
    "si continúa navegando",
    "proseguendo la navigazione",
    "continuando a navegar",
];

/// Does a lower-cased text take consent to cookies from carrying on?
pub fn implies_cookie_consent(text: &str) -> bool {
    text.contains("cookie") && any_phrase(text, IMPLIED_CONSENT)
}

/// Does a lower-cased label start with an ad label ("Sponsored content …")?
pub fn starts_with_ad_label(label: &str) -> bool {
    let first_two: Vec<&str> = label.split_whitespace().take(2).collect();
    is_ad_label(first_two.first().copied().unwrap_or("")) || is_ad_label(&first_two.join(" "))
}

/// Does lower-cased `text` hold any of the phrases?
pub fn any_phrase(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| contains_phrase(text, p))
}

/// `phrase` in `text` at word boundaries. `*` at the end matches a word
/// ending; `*` between words matches one word.
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    // (Most phrases have no `*`: no search for " * " in them.)
    let wildcard = if phrase.bytes().any(|b| b == b'*') {
        phrase.split_once(" * ")
    } else {
        None
    };
    if let Some((head, tail)) = wildcard {
        return match_starts(text, head).any(|at| {
            let rest = &text[at + head.len()..];
            let rest = rest.trim_start();
            let after_word = rest.find(' ').map(|s| &rest[s + 1..]).unwrap_or("");
            boundary_before(text, at) && after_word.starts_with(tail)
        });
    }
    let (needle, prefix) = match phrase.strip_suffix('*') {
        Some(n) => (n, true),
        None => (phrase, false),
    };
    match_starts(text, needle).any(|at| {
        let end = at + needle.len();
        boundary_before(text, at) && (prefix || boundary_after(text, end))
    })
}

/// Where `needle` (never empty) starts in `text`, left to right and not
/// overlapping: `str::match_indices`'s matches. A byte scan for the first
/// byte: the texts are short and each is searched for dozens of phrases,
/// so setting up the standard two-way searcher (or `str::find`'s) per
/// phrase cost more than the search itself.
fn match_starts<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (hay, needle) = (text.as_bytes(), needle.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let (&first, _) = needle.split_first()?;
        while from + needle.len() <= hay.len() {
            let at = from + crate::text::find_byte(&hay[from..], first)?;
            if hay[at..].starts_with(needle) {
                from = at + needle.len();
                return Some(at);
            }
            from = at + 1;
        }
        None
    })
}

fn boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn boundary_after(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_at_word_boundaries() {
        assert!(contains_phrase("read and post comments", "comments"));
        assert!(!contains_phrase("the commentator said", "comment"));
        assert!(contains_phrase("alle kommentare anzeigen", "kommentar*"));
        assert!(contains_phrase(
            "download the newsmax app",
            "download the * app"
        ));
        assert!(contains_phrase("© acme", "©"));
    }

    #[test]
    fn table_finds_kinds() {
        let (kinds, strong) = wording_in("sign up for our daily newsletters – sent to your inbox");
        assert!(
            kinds & bit(ClutterKind::Newsletter) != 0 && strong & bit(ClutterKind::Newsletter) != 0
        );
        let (kinds, _) = wording_in("© 2024 acme. alle kommentare");
        assert!(
            kinds & bit(ClutterKind::RepeatedBoilerplate) != 0
                && kinds & bit(ClutterKind::Comments) != 0
        );
        let (kinds, _) = wording_in("download the newsmax app");
        assert!(kinds & bit(ClutterKind::AppPromo) != 0);
        let (kinds, _) = wording_in("s’abonner à la lettre d’information");
        assert!(kinds & bit(ClutterKind::Newsletter) != 0);
        let (kinds, _) = wording_in("the commentator said");
        assert_eq!(kinds & bit(ClutterKind::Comments), 0);
        // Inflected forms: Swedish and Norwegian "nyhetsbrevet".
        let (_, strong) = wording_in("meld deg på nyhetsbrevet");
        assert!(strong & bit(ClutterKind::Newsletter) != 0);
        let (kinds, _) = wording_in("more headlines");
        assert!(kinds & bit(ClutterKind::Related) != 0);
    }

    #[test]
    fn ad_labels() {
        assert!(is_ad_label(" Advertisement "));
        assert!(is_ad_label("- Anzeige -"));
        assert!(!is_ad_label("Advertisement for a new car was banned"));
    }

    #[test]
    fn implied_consent_needs_cookies_and_carrying_on() {
        assert!(implies_cookie_consent(
            "this site uses cookies. by continuing to use this site, you are consenting to our use of cookies."
        ));
        assert!(implies_cookie_consent(
            "en poursuivant votre navigation, vous acceptez l'utilisation de cookies."
        ));
        // Cookies that are food, or consent with no cookie, are no notice.
        assert!(!implies_cookie_consent(
            "avoid added sugars: cookies, cakes and sweets."
        ));
        assert!(!implies_cookie_consent(
            "by continuing to use this site you agree to the terms."
        ));
    }
}
