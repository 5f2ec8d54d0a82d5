// The grading settings form's values as typed (text, so a half-typed number can be shown and
// checked), their checks with the message keys they show, and the settings they make. Pure: the
// unit test checks the cut-offs' rules (integers, a + b < 100 so C keeps a share).
import { knownCurrency } from '../../../../shared/api/contracts.ts';
import { CHURN_K_MAX, CHURN_K_MIN } from '../../../../shared/api/churn.ts';
import { GRADING_RULES_MAX, type GradingRule, type GradingSettings } from '../../../../shared/api/grading.ts';

export type SettingsValues = { a: string; b: string; currency: string; monthly: boolean; rules: GradingRule[]; k: string };

/** Field → message key (grading.invalid.*). */
export type SettingsErrors = Partial<Record<'a' | 'b' | 'currency' | 'rules' | 'k', string>>;

export function valuesOf(settings: GradingSettings, k: number): SettingsValues {
  return { a: String(settings.cutoffs.a), b: String(settings.cutoffs.b), currency: settings.currency, monthly: settings.monthly, rules: settings.rules.map((r) => ({ ...r })), k: String(k) };
}

/** A whole number typed as digits only ("7.5", "1e2", " " are not). */
const integerOf = (text: string): number | null => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : null);

export function checkSettings(values: SettingsValues): SettingsErrors {
  const errors: SettingsErrors = {};
  const a = integerOf(values.a);
  const b = integerOf(values.b);
  if (a === null) errors.a = 'grading.invalid.integer';
  else if (a < 1 || a > 98) errors.a = 'grading.invalid.aRange';
  if (b === null) errors.b = 'grading.invalid.integer';
  else if (a !== null && a + b >= 100) errors.b = 'grading.invalid.sum';
  const currency = values.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || !knownCurrency(currency)) errors.currency = 'grading.invalid.currency';
  if (values.rules.length === 0) errors.rules = 'grading.invalid.noRules';
  else if (values.rules.length > GRADING_RULES_MAX) errors.rules = 'grading.invalid.tooManyRules';
  const k = integerOf(values.k);
  if (k === null || k < CHURN_K_MIN || k > CHURN_K_MAX) errors.k = 'grading.invalid.k';
  return errors;
}

/** The settings to save; only called once checkSettings found nothing. */
export function settingsOf(values: SettingsValues): { settings: GradingSettings; k: number } {
  return {
    settings: { currency: values.currency.trim().toUpperCase(), cutoffs: { a: Number(values.a), b: Number(values.b) }, monthly: values.monthly, rules: values.rules },
    k: Number(values.k),
  };
}
