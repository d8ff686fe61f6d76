import { sql, type Kysely } from 'kysely';

// Contact choices are reviewed yearly, as access needs are (issue 16): people who said how
// they like to hear from us before this, and have no review date, are due a year after
// their record was last saved. 29 February moves to 1 March. Text concatenation and
// substr work on both SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    insert into access_reviews (organisation_id, person_id, due_on, asked_at, reviewed_at, reviewed_by)
    select p.organisation_id, p.id,
      case when substr(p.updated_at, 6, 5) = '02-29'
        then cast(cast(substr(p.updated_at, 1, 4) as integer) + 1 as text) || '-03-01'
        else cast(cast(substr(p.updated_at, 1, 4) as integer) + 1 as text) || substr(p.updated_at, 5, 6) end,
      null, p.updated_at, null
    from people p
    where p.contact_order <> '[]'
      and not exists (
        select 1 from access_reviews r where r.organisation_id = p.organisation_id and r.person_id = p.id
      )`.execute(db);
}

// No down: the rows made here cannot be told from reviews made since.
