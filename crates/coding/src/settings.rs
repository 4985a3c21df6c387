//! The field's settings as coder options: TABARI `.options` commands (`COMPLEX:`, `COMMA:`, `SET:`, `DEFAULT:`)
//! and PETRARCH `PETR_config.ini` / `<Config>` values (`require_dyad`, `comma_*`).

use crate::options::{CodeBy, CoderOptions, CommaLimits, Complexity};

impl CoderOptions {
    /// Applies one TABARI `.options` command, as TABARI reads it (case-insensitive; unknown commands are ignored,
    /// as TABARI ignores commands it does not act on).
    ///
    /// ```
    /// use dyad_coding::{CodeBy, CoderOptions};
    /// let mut o = CoderOptions::tabari();
    /// o.apply_tabari_command("SET: CODE BY SENTENCE");
    /// assert_eq!(o.code_by, CodeBy::Sentence);
    /// o.apply_tabari_command("COMMA: OFF");
    /// assert_eq!(o.comma, None);
    /// ```
    pub fn apply_tabari_command(&mut self, cmd: &str) {
        let upper = cmd.trim().to_ascii_uppercase();
        let num_in = |key: &str| -> Option<usize> {
            let i = upper.find(key)? + key.len();
            let rest = upper[i..].trim_start_matches([' ', '=', '[']);
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            digits.parse().ok()
        };
        if upper.starts_with("COMPLEX:") {
            self.complexity = Complexity {
                verbs: num_in("VERBS["),
                conjunctions: num_in("CONJ["),
                no_actor_prior: upper.contains("NOACTPRIOR"),
            };
        } else if upper.starts_with("COMMA:") {
            if upper.contains("OFF") {
                self.comma = None;
            } else {
                let d = CommaLimits::default();
                // TABARI limits are exclusive below ("more than MIN words").
                self.comma = Some(CommaLimits {
                    min: num_in(" MIN").map_or(d.min, |v| v + 1),
                    max: num_in(" MAX").unwrap_or(d.max),
                    emin: num_in("EMIN").map_or(d.emin, |v| v + 1),
                    emax: num_in("EMAX").unwrap_or(d.emax),
                    bmin: num_in("BMIN").map_or(d.bmin, |v| v + 1),
                    bmax: num_in("BMAX").unwrap_or(d.bmax),
                });
            }
        } else if upper.starts_with("SET:") {
            if upper.contains("CODE BY CLAUSE") {
                self.code_by = CodeBy::Clause;
            } else if upper.contains("CODE BY SENTENCE") {
                self.code_by = CodeBy::Sentence;
            } else if upper.contains("CODE ALL") {
                self.code_by = CodeBy::All;
            } else if upper.contains("CONVERT AGENT") {
                self.convert_agents = upper.contains("TRUE");
            } else if upper.contains("MINIMUM WORDS") {
                self.minimum_words = num_in("MINIMUM WORDS").unwrap_or(0);
            }
        } else if upper.starts_with("DEFAULT:") {
            let code_after = |key: &str| -> Option<String> {
                let i = upper.find(key)? + key.len();
                let rest = &upper[i..];
                let a = rest.find('[')?;
                let b = rest.find(']')?;
                rest.get(a + 1..b).map(|c| c.trim().to_string())
            };
            if upper.contains("OFF") {
                self.default_source = None;
                self.default_target = None;
                self.default_source_prior = false;
                self.default_target_after = false;
            } else {
                self.default_source = code_after("SOURCE");
                self.default_target = code_after("TARGET");
                self.default_source_prior = upper.contains("PRIOR");
                self.default_target_after = upper.contains("AFTER");
            }
        }
    }

    /// Applies every command of a TABARI `.options` file (`//` starts a comment).
    pub fn apply_tabari_options_file(&mut self, text: &str) {
        for line in text.lines() {
            self.apply_tabari_command(line.split("//").next().unwrap_or(""));
        }
    }

    /// Applies PETRARCH settings (`PETR_config.ini` values or a validation file's `<Config option value>`).
    /// Unknown options are ignored; a comma limit that is not a number counts as 0, as PETRARCH's `int()` would
    /// fail on it and leave no limit.
    pub fn apply_petrarch_settings<'a>(
        &mut self,
        settings: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) {
        let mut limits = self.comma.unwrap_or_default();
        for (key, value) in settings {
            let n: usize = value.trim().parse().unwrap_or(0);
            let truth = value.trim().eq_ignore_ascii_case("true");
            match key {
                "require_dyad" => self.require_dyad = truth,
                "comma_min" => limits.min = n,
                "comma_max" => limits.max = n,
                "comma_bmin" => limits.bmin = n,
                "comma_bmax" => limits.bmax = n,
                "comma_emin" => limits.emin = n,
                "comma_emax" => limits.emax = n,
                _ => {}
            }
        }
        self.comma = Some(limits);
    }
}
