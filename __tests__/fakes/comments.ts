// A typed fake of the IssueCommentsApi port (one pull request's comments, in memory) and of
// ConnectComments, which records the token and target each connection was made with.
import type {
  ClientOptions,
  CommentTarget,
  ConnectComments,
  IssueComment,
  IssueCommentsApi,
} from '../../src/github/comment.js';

export class FakeIssueComments implements IssueCommentsApi {
  readonly comments: IssueComment[] = [];
  /** When set, every call rejects with this (an HTTP error has a status). */
  failure?: Error & { status?: number };
  /** The token's own login; undefined acts like GITHUB_TOKEN, which cannot name itself. */
  login?: string;
  private nextId = 1;

  viewer(): Promise<string | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve(this.login);
  }

  add(body: string, login = 'someone', type = 'User'): IssueComment {
    const comment = { id: this.nextId++, body, user: { login, type }, html_url: this.url(this.nextId - 1) };
    this.comments.push(comment);
    return comment;
  }

  list(page: number, perPage: number): Promise<IssueComment[]> {
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve(this.comments.slice((page - 1) * perPage, page * perPage));
  }

  create(body: string): Promise<{ id: number; html_url: string }> {
    if (this.failure) return Promise.reject(this.failure);
    const { id, html_url } = this.add(body, 'github-actions[bot]', 'Bot');
    return Promise.resolve({ id, html_url });
  }

  update(id: number, body: string): Promise<{ id: number; html_url: string }> {
    if (this.failure) return Promise.reject(this.failure);
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) return Promise.reject(Object.assign(new Error('Not Found'), { status: 404 }));
    comment.body = body;
    return Promise.resolve({ id, html_url: comment.html_url });
  }

  private url(id: number): string {
    return `https://github.example/acme/widgets/pull/7#issuecomment-${id}`;
  }
}

/** Connects every request to one fake and records how it was asked to connect. */
export function connectTo(api: IssueCommentsApi) {
  const connections: { token: string; target: CommentTarget; client: ClientOptions }[] = [];
  const connect: ConnectComments = (token, target, client) => {
    connections.push({ token, target, client });
    return api;
  };
  return Object.assign(connect, { connections });
}
