// Two-step sign-in and single sign-on (issue 18). Joined into Database in ../schema.ts.
import type { ColumnType } from 'kysely';

type Optional<T> = ColumnType<T, T | undefined, T>;

/** One authenticator app per account: its secret sealed (encrypted) with the instance's key. */
export interface TwoStepAuthenticatorsTable {
  account_id: string;
  organisation_id: string;
  sealed_secret: string;
  /** Null while being set up: it counts only once a code from the app has been typed back. */
  confirmed_at: Optional<string | null>;
  /** The last 30-second step whose code was accepted: that code, or an older one, never works again. */
  last_time_step: Optional<number | null>;
  created_at: string;
}

/** Ten codes for when the app is lost: kept hashed, each usable once. */
export interface TwoStepRecoveryCodesTable {
  id: string;
  account_id: string;
  organisation_id: string;
  code_hash: string;
  used_at: Optional<string | null>;
  created_at: string;
}

/** How an organisation's staff sign in: two-step required, and its identity provider (OpenID Connect). */
export interface SignInSettingsTable {
  organisation_id: string;
  /** 1: admins and facilitators (who see sensitive data) must use two-step sign-in. */
  two_step_required: Optional<number>;
  sso_enabled: Optional<number>;
  sso_issuer: Optional<string | null>;
  sso_client_id: Optional<string | null>;
  /** Sealed; never shown back. */
  sso_sealed_client_secret: Optional<string | null>;
  /** Lower case, e.g. northshire.gov.uk: staff typing an address there are sent to this provider. */
  sso_email_domain: Optional<string | null>;
  /** 1: staff may sign in only through the provider (no password, link or code). */
  sso_only: Optional<number>;
  /** 1: the provider's own two-step sign-in (the ID token's amr claim) meets the two-step rule. */
  accept_provider_two_step: Optional<number>;
  updated_at: string;
}

export interface SignInSecurityTables {
  two_step_authenticators: TwoStepAuthenticatorsTable;
  two_step_recovery_codes: TwoStepRecoveryCodesTable;
  sign_in_settings: SignInSettingsTable;
}
