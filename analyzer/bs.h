/* bs.h - error domain and size limits shared by every bouncescan module
 *
 * Every failure that can reach a user is a GError in BS_ERROR with one of the
 * codes below, in every library (analyzer, reports...); callers add context
 * with g_prefix_error().  The command line chooses its exit code from the
 * code alone: BS_ERROR_USAGE exits 2, BS_ERROR_BUSY 4, every other code 1.
 * Every input size is bounded by one of the BS_MAX_* constants, each with
 * the reason for its value.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BS_ERROR (bs_error_quark ())
GQuark bs_error_quark (void);

typedef enum {
  /* anything not listed below */
  BS_ERROR_FAILED,
  /* a path (a mailbox, a rules file, the history) does not exist */
  BS_ERROR_NOT_FOUND,
  /* a path exists but cannot be opened or read (permissions, I/O) */
  BS_ERROR_UNREADABLE,
  /* a path is neither a mailbox nor a message */
  BS_ERROR_NOT_MAIL,
  /* a message (or a rules file) could not be parsed */
  BS_ERROR_PARSE,
  /* an input is over one of the limits below */
  BS_ERROR_TOO_LARGE,
  /* the history could not be opened, read or written: the message names
   * the file and carries the database's reason and, where there is one,
   * the system's ("No space left on device") */
  BS_ERROR_STORE,
  /* the history is held by another scan (its flock), or locked by another
   * program for longer than the busy time-out */
  BS_ERROR_BUSY,
  /* bad command-line arguments or options (a date, a list id, a zone...) */
  BS_ERROR_USAGE,
  /* a history written by an older bouncescan: a writer upgrades it */
  BS_ERROR_OLD_SCHEMA,
  /* an output (report page, CSV file, their folder) could not be created
   * or written; the message carries the system's reason */
  BS_ERROR_WRITE,
  /* a read of the history in time order gave a row out of that order: the
   * reader reads again the plain way (history.h); never reaches a user */
  BS_ERROR_DISORDER,
  /* a --sender-domain matches no sender domain of the history; the message
   * names the closest ones the history knows */
  BS_ERROR_NO_MATCH,
  /* the DNS resolver of the live checks (--check) cannot be used at all */
  BS_ERROR_DNS,
  /* a signal (SIGINT, SIGTERM) stopped the work; what it was writing is
   * not written (the command exits 128 + the signal) */
  BS_ERROR_INTERRUPTED,
} BsError;

/* Bytes of one message read into memory.  Bounces carrying large originals
 * are common (photos attached to the original); anything beyond this is
 * read only up to the limit: the report parts come first in every MTA's
 * layout, so the truncated tail is the original's body. */
#ifndef BS_MAX_MESSAGE_BYTES /* the mbox fuzzer builds source.c with a small one */
#define BS_MAX_MESSAGE_BYTES (64u * 1024u * 1024u)
#endif

/* Bytes of one delivery-status or text part that we decode.  A DSN with
 * 10,000 recipients is about 2 MB; human-readable parts are a few KB. */
#define BS_MAX_PART_BYTES (4u * 1024u * 1024u)

/* Bytes of an enclosed (original) message read for its header block: a
 * chain of a thousand Received fields fits; its body is never read. */
#define BS_MAX_HEADER_BLOCK_BYTES (256u * 1024u)

/* Bytes of the flattened body handed to text parsers. */
#define BS_MAX_BODY_BYTES (4u * 1024u * 1024u)

/* MIME nesting we walk.  Real bounces nest 3 or 4 levels (a report inside a
 * forwarded report); GMime itself stops at 1024. */
#define BS_MAX_MIME_DEPTH 32

/* Recipients kept from one bounce (RFC 5321 4.5.3.1.8 requires at least 100
 * per transaction; list servers send thousands). */
#define BS_MAX_RECIPIENTS 20000

/* Length of one field value kept in a record (a diagnostic text is rarely
 * more than 1 KB; hostile ones can be megabytes). */
#define BS_MAX_FIELD_BYTES 4096

/* RFC 5321 4.5.3.1.3: a path is at most 256 octets. */
#define BS_MAX_ADDRESS_BYTES 256

G_END_DECLS
