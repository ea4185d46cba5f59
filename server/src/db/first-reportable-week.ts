// A browser counts in reports and adapter health from the ISO week of its first enrolment on
// (server/src/reports/README.md, residual 3): the enrolment token sits in every managed browser's
// policy, and people enrolled after a week ended must not lift it over the minimum group size.

/**
 * SQL of the team `teamParam` names (a bind parameter such as `$1`): each enrolment key with the
 * start (Monday 00:00 UTC) of the first week its browser counts in. A browser is keyed by each of
 * its enrolments' ids (what events and an agent's interactions hold in `install`) and by its
 * install id (what anonymous interactions hold); its re-enrolments share its first week.
 */
export const browserFirstWeeksSql = (teamParam: string) =>
  `SELECT DISTINCT k.enrolment_key, date_trunc('week', min(k.enrolled_at)
       OVER (PARTITION BY k.browser) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS counts_from
   FROM installs i CROSS JOIN LATERAL (VALUES (i.id, i.install_id, i.enrolled_at),
     (i.install_id::text, i.install_id, i.enrolled_at)) AS k (enrolment_key, browser, enrolled_at)
   WHERE i.team = ${teamParam}`;
