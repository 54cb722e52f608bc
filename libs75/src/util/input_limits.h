/* Limits that keep a hostile scenario file harmless. Each, when hit, is an
 * S75_ELIMIT error naming it. Documented in SECURITY.md, with the threat
 * model they serve. */
#ifndef S75_LIMITS_H
#define S75_LIMITS_H

#define LIMIT_FILE_BYTES (16u * 1024u * 1024u) /* one scenario or include file */
#define LIMIT_DEPTH 64                           /* nesting of mappings and sequences */
#define LIMIT_NODES 4000000u                     /* nodes after alias expansion, whole load
                                                    (100,000 fully written workforce lines
                                                    take about 2,300,000) */
#define LIMIT_LOAD_BYTES (64u * 1024u * 1024u)   /* bytes a whole load reads (every file,
                                                    once each) plus text repeated by aliases */
#define LIMIT_LOAD_FILES 20000                   /* distinct files one load reads */
#define LIMIT_LOAD_NESTING 2                     /* scenario loads inside one: a portfolio's
                                                    pools, which may not be portfolios */
#define LIMIT_ALIASES 10000u                     /* alias references in one file */
#define LIMIT_INCLUDES 32                        /* include files, in all */
#define LIMIT_YEARS 100                          /* model horizon */
#define LIMIT_LINES 100000                       /* workforce, non-pay lines, schemes */
#define LIMIT_PARTNERS 1000
#define LIMIT_OPTIONS 1000
#define LIMIT_CRITERIA 100
#define LIMIT_DRAWS 10000000L                    /* Monte Carlo and SMAA draws */
#define LIMIT_SMAA_WORK 1e10                     /* SMAA draws x options x criteria (~30 s) */
#define LIMIT_SIM_VALUES (1L << 26)              /* draws x years x (3 + partners): what
                                                    a second pass may keep, 512 MiB */
#define LIMIT_SIM_WORK 4e9                       /* Monte Carlo values (draws x years x
                                                    series) over every run of one solve
                                                    or grid (~4 minutes on one core) */
#define LIMIT_GRID_CELLS 10000                   /* cells of a two-way table */
#define LIMIT_GRID_STEPS 101                     /* values along one axis */
#define LIMIT_POOLS 5000
#define LIMIT_BANDS 256                          /* bands of one pay scale */
#define LIMIT_SCALES 256                         /* pay scales one scenario sees */
#define LIMIT_VARIANTS 100                       /* variants of one file */
#define LIMIT_OVERRIDES 1000                     /* entries of one variant */
#define LIMIT_VARIANT_WORK 12000000ULL           /* variants x nodes of the file: what checking
                                                    every variant walks */
#define LIMIT_PORTFOLIO_WORK 1e8                 /* draws x pools x years of a portfolio
                                                    simulation (~10 s of one core) */
#define LIMIT_CASHFLOW_YEAR_SPAN 500             /* appraisal years after the base year */
#define LIMIT_CSV_BYTES (64u * 1024u * 1024u)    /* one CSV table (a year's ledger is ~10 MB) */
#define LIMIT_CSV_ROWS 1000000u                  /* rows of one CSV table after its header */
#define LIMIT_CSV_COLUMNS 1000u                  /* fields in one CSV row (ESR exports ~100) */
#define LIMIT_TABLES 16                          /* CSV tables one scenario reads */

#endif
