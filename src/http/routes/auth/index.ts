import { prepareDummyHash } from '../../../modules/auth/verify-password.ts';
import type { RouteModule } from '../../types.ts';
import getConfirm from './get-confirm.ts';
import getSession from './get-session.ts';
import postConfirm from './post-confirm.ts';
import postLogin from './post-login.ts';
import postLogout from './post-logout.ts';
import postRecover from './post-recover.ts';
import postRefresh from './post-refresh.ts';
import postReset from './post-reset.ts';
import postSignup from './post-signup.ts';

// Computed at startup so that the first login for an unknown address is not the one slower request.
const warmDummyHash: RouteModule = (_app, ctx) => {
  prepareDummyHash().catch((err: unknown) => ctx.log.error({ err }, 'could not prepare the dummy password hash'));
};

export const authRoutes: RouteModule[] = [
  warmDummyHash,
  postSignup,
  postLogin,
  postRefresh,
  postLogout,
  getSession,
  getConfirm,
  postConfirm,
  postRecover,
  postReset,
];
