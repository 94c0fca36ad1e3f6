//! The pages and their addresses.
//!
//! Pages live in the URL fragment (`#/segments`) rather than the path: a static host
//! then serves the same `index.html` for every page, under any sub-path, with no
//! rewrite rules or 404 tricks, and a reload never asks the server for a page it lacks.
//! Written by hand because a router crate is built around paths.

/// A page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Loading data and its quality.
    Data,
    /// Customer segments.
    Segments,
    /// Market-basket rules.
    Baskets,
    /// Recommendations.
    Recommendations,
    /// Lifetime value and churn risk.
    Value,
    /// Information-gap opportunities.
    Opportunities,
}

impl Page {
    /// Every page, in navigation order.
    pub const ALL: [Page; 6] = [
        Page::Data,
        Page::Segments,
        Page::Baskets,
        Page::Recommendations,
        Page::Value,
        Page::Opportunities,
    ];

    /// The page's name in the address.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Data => "data",
            Page::Segments => "segments",
            Page::Baskets => "baskets",
            Page::Recommendations => "recommendations",
            Page::Value => "value",
            Page::Opportunities => "opportunities",
        }
    }

    /// The page's title.
    pub fn title(self) -> &'static str {
        match self {
            Page::Data => "Data",
            Page::Segments => "Segments",
            Page::Baskets => "Baskets",
            Page::Recommendations => "Recommendations",
            Page::Value => "Value",
            Page::Opportunities => "Opportunities",
        }
    }

    /// The link to the page.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// The page a fragment such as `#/segments?k=4` names; the Data page otherwise.
    pub fn from_hash(hash: &str) -> Page {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let slug = path.split(['?', '/']).next().unwrap_or_default();
        Page::ALL
            .into_iter()
            .find(|page| page.slug() == slug)
            .unwrap_or(Page::Data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_pages() {
        for page in Page::ALL {
            assert_eq!(Page::from_hash(&page.href()), page);
        }
        assert_eq!(Page::from_hash("#/segments?k=4"), Page::Segments);
        assert_eq!(Page::from_hash("#baskets"), Page::Baskets);
        assert_eq!(Page::from_hash(""), Page::Data);
        assert_eq!(Page::from_hash("#/nonsense"), Page::Data);
    }
}
