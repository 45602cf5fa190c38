/**
 * Call jobs: a phone queued in an autodialer by an API that wants one job per request (JAICP's
 * addPhones), so the same phone may be queued more than once, each time with its own id, state
 * and calls. A job is an {@code autodial_number} row; the dialer claims, calls, retries and records
 * it as any number. {@link org.outdial.engine.job.CallJobs} is the operation facades call.
 */
package org.outdial.engine.job;
