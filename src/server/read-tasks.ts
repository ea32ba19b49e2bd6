/**
 * The modules whose audited reads a read worker may run (src/server/db/read-pool.ts). Importing them
 * declares their tasks (auditedReadTask) in the worker's own copy of the modules.
 */
import './modules/clients/clients.service';
import './modules/episodes/episodes.service';
