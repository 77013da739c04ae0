import { graphql } from './tada';

/** TaskProgressInput.status is a String in the schema; these are the values the API accepts. */
export type TaskStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE';
export const TASK_STATUSES: readonly TaskStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'DONE'];

export const DEPARTMENT_TASK_PROGRESS_QUERY = graphql(`
  query DepartmentTaskProgress($code: String!) {
    department(code: $code) {
      code
      tasks {
        id
        code
        summaryVi
        summaryEn
        status
        progressNote
        version
      }
    }
  }
`);

export const UPDATE_TASK_PROGRESS_MUTATION = graphql(`
  mutation UpdateTaskProgress($id: ID!, $version: Int!, $input: TaskProgressInput!) {
    updateTaskProgress(id: $id, version: $version, input: $input) {
      id
      status
      progressNote
      version
    }
  }
`);
