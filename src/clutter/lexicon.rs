//! The wording of clutter, in English, German, French and Spanish (with a
//! little Italian, Portuguese and Dutch). Phrases match at word boundaries;
//! a trailing `*` matches any word ending (`kommentar*` finds `Kommentare`).

use super::ClutterKind;

/// Phrases that invite signing up for a newsletter.
const NEWSLETTER: &[&str] = &[
    "newsletter*", "sign up", "signup", "subscribe", "subscription", "inbox", "mailing list",
    "email updates", "e-mail updates", "daily briefing", "get our", "delivered to your",
    "abonnieren", "anmelden", "jetzt registrieren", "postfach",
    "abonnez-vous", "s'abonner", "inscrivez-vous", "inscription", "lettre d'information", "boîte mail", "boîte de réception",
    "suscríbete", "suscribirse", "suscribete", "boletín", "boletin", "regístrate", "bandeja de entrada",
    "iscriviti", "assine", "inscreva-se", "aanmelden", "nieuwsbrief",
];

/// Phrases strong enough to name a newsletter prompt on their own.
const NEWSLETTER_STRONG: &[&str] = &[
    "newsletter*", "mailing list", "sign up for our", "subscribe to our", "delivered to your inbox",
    "sent right to your inbox", "straight to your inbox", "lettre d'information", "boletín", "nieuwsbrief",
];

const COMMENTS: &[&str] = &[
    "comment", "comments", "commenting", "join the conversation", "join the discussion",
    "community guidelines", "leave a reply", "post a reply", "add a comment", "show comments",
    "kommentar*", "leserkommentar*", "diskutieren sie mit", "diskussion",
    "commentaire*", "réagir", "réagissez", "laisser un commentaire",
    "comentario*", "comentar", "deja un comentario", "commenti", "commenta", "comentários", "reacties",
];

const COPYRIGHT: &[&str] = &[
    "©", "(c) 20*", "copyright", "all rights reserved", "alle rechte vorbehalten",
    "tous droits réservés", "todos los derechos reservados", "tutti i diritti riservati",
    "todos os direitos reservados", "alle rechten voorbehouden",
];

const SHARE: &[&str] = &[
    "share", "share this", "tweet", "teilen", "partager", "compartir", "condividi", "partilhar", "delen",
];

const RELATED: &[&str] = &[
    "related", "more from", "more stories", "more news", "read more", "read next", "recommended",
    "you may also like", "you might also like", "most popular", "most read", "trending",
    "top stories", "latest news", "also read", "more on this",
    "weitere artikel", "mehr zum thema", "das könnte sie auch interessieren", "meistgelesen", "auch interessant",
    "à lire aussi", "lire aussi", "sur le même sujet", "les plus lus", "vous aimerez aussi",
    "te puede interesar", "relacionad*", "lo más leído", "más noticias", "leer más",
    "potrebbe interessarti", "leia também", "lees ook",
];

const COOKIE: &[&str] = &[
    "cookie*", "we value your privacy", "consent", "zustimmen", "einwilligung", "akzeptieren",
    "consentement", "accepter", "aceptar", "consentimiento",
];

/// Phrases strong enough to name a cookie notice on their own.
const COOKIE_STRONG: &[&str] = &["cookie*", "we value your privacy"];

const APP_PROMO: &[&str] = &[
    "download the app", "download our app", "get the app", "get our app", "download the * app",
    "app store", "google play", "in the app", "our free app",
    "app herunterladen", "laden sie die app", "téléchargez l'application", "téléchargez notre application",
    "descarga la app", "descarga nuestra app", "scarica l'app", "baixe o app",
];

/// Labels that mark an ad slot when they are all its text.
const AD_LABELS: &[&str] = &[
    "advertisement", "advertising", "ad", "sponsored", "sponsored content", "anzeige", "werbung",
    "publicité", "publicidad", "anuncio", "pubblicità", "publicidade", "advertentie",
];

/// Class and id words that name a kind (generic vocabulary, no site's).
pub fn kind_of_name_token(token: &str) -> Option<ClutterKind> {
    Some(match token {
        "newsletter" | "newsletters" | "subscribe" | "signup" => ClutterKind::Newsletter,
        "comments" | "comment" | "disqus" | "commentlist" | "replies" => ClutterKind::Comments,
        "share" | "sharing" | "social" | "sharebar" | "addthis" | "sharethis" => ClutterKind::Share,
        "related" | "recommended" | "recommendations" | "outbrain" | "taboola" | "trending" => ClutterKind::Related,
        "ad" | "ads" | "advert" | "adverts" | "advertisement" | "advertising" | "adslot" | "adunit"
        | "dfp" | "gpt" | "adsbygoogle" | "sponsored" | "banner" => ClutterKind::Ad,
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
        ClutterKind::Ad => &[],
        ClutterKind::CookieConsent => COOKIE,
        ClutterKind::AppPromo => APP_PROMO,
    }
}

pub fn strong_newsletter(text: &str) -> bool {
    any_phrase(text, NEWSLETTER_STRONG)
}

pub fn strong_cookie(text: &str) -> bool {
    any_phrase(text, COOKIE_STRONG)
}

pub fn is_ad_label(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    AD_LABELS.contains(&t.as_str())
}

/// Does lower-cased `text` hold any of the phrases?
pub fn any_phrase(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| contains_phrase(text, p))
}

/// `phrase` in `text` at word boundaries. `*` at the end matches a word
/// ending; `*` between words matches one word.
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    if let Some((head, tail)) = phrase.split_once(" * ") {
        return text.match_indices(head).any(|(at, _)| {
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
    text.match_indices(needle).any(|(at, _)| {
        let end = at + needle.len();
        boundary_before(text, at) && (prefix || boundary_after(text, end))
    })
}

fn boundary_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

fn boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_at_word_boundaries() {
        assert!(contains_phrase("read and post comments", "comments"));
        assert!(!contains_phrase("the commentator said", "comment"));
        assert!(contains_phrase("alle kommentare anzeigen", "kommentar*"));
        assert!(contains_phrase("download the newsmax app", "download the * app"));
        assert!(contains_phrase("© acme", "©"));
    }

    #[test]
    fn ad_labels() {
        assert!(is_ad_label(" Advertisement "));
        assert!(is_ad_label("- Anzeige -"));
        assert!(!is_ad_label("Advertisement for a new car was banned"));
    }
}
