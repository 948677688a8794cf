/* bs.h - error domain and size limits shared by every bouncescan module
 *
 * Every failure that can reach a user is a GError in BS_ERROR with one of the
 * codes below; callers add context with g_prefix_error().  Every input size is
 * bounded by one of the BS_MAX_* constants, each with the reason for its value.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BS_ERROR (bs_error_quark ())
GQuark bs_error_quark (void);

typedef enum {
  BS_ERROR_FAILED,      /* anything not listed below */
  BS_ERROR_NOT_FOUND,   /* a path does not exist */
  BS_ERROR_UNREADABLE,  /* a path exists but cannot be opened or read */
  BS_ERROR_NOT_MAIL,    /* a path is neither a mailbox nor a message */
  BS_ERROR_PARSE,       /* a message could not be parsed as MIME */
  BS_ERROR_TOO_LARGE,   /* an input is over one of the limits below */
  BS_ERROR_STORE,       /* SQLite failed; the message carries sqlite3_errmsg() */
  BS_ERROR_BUSY,        /* the database is locked by another scan */
  BS_ERROR_USAGE,       /* bad command-line arguments */
  BS_ERROR_OLD_SCHEMA,  /* a history written by an older bouncescan: a writer upgrades it */
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
