export type TaskStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE';
export const TASK_STATUSES: readonly TaskStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'DONE'];

export const DEPARTMENT_TASK_PROGRESS_QUERY = /* GraphQL */ `
  query DepartmentTaskProgress($code: String!) {
    department(code: $code) { code tasks { id code summaryVi summaryEn status progressNote version } }
  }
`;
export interface TaskProgressItem {
  id: string;
  code: string;
  summaryVi: string;
  summaryEn: string;
  status: string;
  progressNote: string | null;
  version: number;
}
export interface DepartmentTaskProgressResult {
  department: { code: string; tasks: TaskProgressItem[] } | null;
}

export const UPDATE_TASK_PROGRESS_MUTATION = /* GraphQL */ `
  mutation UpdateTaskProgress($id: ID!, $version: Int!, $input: TaskProgressInput!) {
    updateTaskProgress(id: $id, version: $version, input: $input) { id status progressNote version }
  }
`;
export interface UpdateTaskProgressVariables {
  id: string;
  version: number;
  input: { progressNote?: string; status?: TaskStatus };
}
export interface UpdateTaskProgressResult {
  updateTaskProgress: Pick<TaskProgressItem, 'id' | 'status' | 'progressNote' | 'version'>;
}
