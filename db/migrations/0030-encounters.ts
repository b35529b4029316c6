import type { Migration } from './types';

/**
 * Encounters: one row per arrival (or expected arrival), whatever the referral source. Columns
 * mirror the encounter CSV v1 (docs/encounter-csv.md). Times are UTC epoch ms; durations are computed.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'encounters, encounter events, agencies',
  up(db) {
    db.exec(`
      CREATE TABLE agencies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        last_used_at INTEGER NOT NULL,
        uses INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE encounters (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('expected','arrived','accepted','discharged','declined','lapsed')),
        referral_source TEXT NOT NULL
          CHECK (referral_source IN ('law_enforcement','co_responder','mobile_crisis','ems','walk_in','family','other')),
        agency TEXT,
        officer_name TEXT,
        badge_number TEXT,
        cit_trained INTEGER CHECK (cit_trained IN (0,1)),
        co_responder INTEGER CHECK (co_responder IN (0,1)),
        probable_cause INTEGER CHECK (probable_cause IN (0,1)),
        diverted_from_arrest INTEGER CHECK (diverted_from_arrest IN (0,1)),
        first_name TEXT,
        last_name TEXT,
        date_of_birth TEXT,
        estimated_age INTEGER CHECK (estimated_age IS NULL OR estimated_age BETWEEN 0 AND 120),
        gender TEXT,
        preferred_language TEXT,
        legal_status TEXT CHECK (legal_status IS NULL OR legal_status IN ('voluntary','involuntary_hold','protective_custody','other')),
        presenting_concerns TEXT,           -- vocabulary values joined by ';'
        medical_red_flags TEXT,             -- vocabulary values joined by ';'
        refer_to_ed INTEGER CHECK (refer_to_ed IN (0,1)),
        weapons_search_done INTEGER CHECK (weapons_search_done IN (0,1)),
        belongings TEXT,
        notes TEXT,
        expected_eta INTEGER,               -- pre-arrival call: when the officer expects to arrive
        arrived_at INTEGER,
        officer_released_at INTEGER,        -- staff assumed custody: ends the officer's turnaround
        declined_at INTEGER,
        decline_reason TEXT,
        discharged_at INTEGER,
        disposition TEXT CHECK (disposition IS NULL OR disposition IN ('home_community','short_term_bed','inpatient_psychiatric','medical_ed','withdrawal_management','shelter','jail_law_enforcement','left_against_advice','other')),
        bed_id INTEGER REFERENCES beds(id),  -- bed held now (NULL once discharged)
        unit_kind TEXT CHECK (unit_kind IS NULL OR unit_kind IN ('chair','bed','youth_bed','withdrawal_bed','other')),
        bed_label TEXT,                     -- label of the bed held last (CSV)
        -- lower(trim(first))|lower(trim(last))|dob when all three are known: repeat-visit matching.
        person_key TEXT,
        created_by INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (officer_released_at IS NULL OR arrived_at IS NULL OR officer_released_at >= arrived_at),
        CHECK (discharged_at IS NULL OR arrived_at IS NULL OR discharged_at >= arrived_at)
      ) STRICT;
      CREATE INDEX encounters_arrived ON encounters(arrived_at);
      CREATE INDEX encounters_status ON encounters(status) WHERE status IN ('expected','arrived','accepted');
      CREATE INDEX encounters_person ON encounters(person_key, arrived_at) WHERE person_key IS NOT NULL;
      CREATE INDEX encounters_source_arrived ON encounters(referral_source, arrived_at);
      CREATE INDEX encounters_last_name ON encounters(last_name COLLATE NOCASE);

      -- The encounter's timeline: every event, who, when; corrections carry their reason.
      CREATE TABLE encounter_events (
        id INTEGER PRIMARY KEY,
        encounter_id INTEGER NOT NULL REFERENCES encounters(id),
        at INTEGER NOT NULL,
        user_id INTEGER,
        kind TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX encounter_events_encounter ON encounter_events(encounter_id, at);
    `);
  },
};
