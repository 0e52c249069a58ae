//! Git repository URLs as the user types them. Credentials never go in them: a URL is shown in
//! job titles, saved in the store file and remembered by the UI, so a token in it would end up
//! in clear in all three. The token belongs in the profile's git token (the keyring).

use crate::validation::FieldError;

/// Refuses a git URL that carries user info (`https://user:token@host/...`). SSH-style
/// `git@host:path` carries no secret and passes.
pub fn check_git_url(field: &str, url: &str) -> Result<(), FieldError> {
    let Ok(parsed) = url::Url::parse(url.trim()) else {
        return Ok(()); // Not a URL with a scheme: the server says what it makes of it.
    };
    let web = matches!(parsed.scheme(), "http" | "https");
    if parsed.password().is_some() || (web && !parsed.username().is_empty()) {
        return Err(FieldError::new(
            field,
            "remove the user name and token from the URL: put the token in the system's git token",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_git_url;

    #[test]
    fn user_info_in_a_git_url_is_refused() {
        for url in [
            "https://user:ghp_secret@github.com/org/repo.git",
            "https://ghp_secret@github.com/org/repo.git",
            " http://user:pw@git.example.com/repo ",
            "ssh://git:pw@host/repo",
        ] {
            let error = check_git_url("url", url).unwrap_err();
            assert_eq!(error.field, "url");
            assert!(!error.message.contains("ghp_secret"), "{error:?}");
        }
        for url in [
            "https://github.com/org/repo.git",
            "git@github.com:org/repo.git",
            "ssh://git@host/repo",
        ] {
            assert!(check_git_url("url", url).is_ok(), "{url}");
        }
    }
}
