/**
 * Every schema change, in order. The backend runs them at start (TypeORM's migration runner,
 * one transaction each, under an advisory lock so several instances can start at once).
 * Read tables are created here as templates (schema `projection_templates`); the projector
 * copies a template into a fresh physical table for each projection version (blue/green).
 */
import { EventStore1764000000001 } from './1764000000001-event-store.js';

export const allMigrations = [EventStore1764000000001];
