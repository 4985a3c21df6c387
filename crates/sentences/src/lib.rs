//! Splits a Document's headline and body into sentences as byte spans, surviving news abbreviations.
