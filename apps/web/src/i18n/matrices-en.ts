import type { matricesVi } from './matrices-vi';

type DeepString<T> = { [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };

export const matricesEn: DeepString<typeof matricesVi> = {
  scorecard: {
    title: 'Scorecard by unit',
    caption: 'Scorecard: each district-level unit against the targets of {plan}, as of {date}',
    intro:
      'One row per district-level unit; a target column gives the unit’s count against what each unit must reach and its status (text and icon, not colour alone). The other columns count the products of {year}. Choose a cell to open the unit or its product list.',
    unitTarget: '{label} (each unit ≥ {target})',
    certified: 'Products certified',
    stars: '{n}★ products',
    noTargets: 'This plan has no per-unit target; the table has the count columns only.',
    noValue: 'no data',
  },
  matrix: {
    title: 'Responsibilities by body',
    intro:
      'One row per task of {plan}: the body that leads or coordinates it, its status, the status of the targets that body owns and the activities recorded (sample data left out) up to {date}. Choose a body’s name for its activities by month.',
    caption: 'Responsibilities in {plan}, as of {date}',
    body: 'Body',
    task: 'Task',
    role: 'Role',
    status: 'Status',
    targets: 'Linked targets',
    recorded: 'Recorded activities',
    sample: '⚑ {n} sample',
    sampleTitle: '{n} sample activities (demo data, not counted)',
    noTargets: '—',
    noTasks: 'This plan assigns no task to a body.',
    taskStatus: {
      NOT_STARTED: 'Not started',
      IN_PROGRESS: 'In progress',
      DONE: 'Done',
    },
  },
  department: {
    back: 'Back to the responsibilities',
    tasks: 'Tasks in {plan}',
    activitiesTitle: 'Activities by month, {year}',
    listTitle: 'Recorded activities, {year}',
    listCaption: 'Recorded activities of {name}, {year}',
    listEmpty: 'No activity is recorded (sample data left out) in {year}.',
    listMore: 'Showing {shown} of {total} activities.',
    date: 'Date',
    kind: 'Kind',
    count: 'Count',
    place: 'Place',
    note: 'Note',
    notFound: 'No body has the code {code}.',
  },
};
