import type { RouteModule } from '../../types.ts';
import getPublicObject from './get-public-object.ts';
import getSignedObject from './get-signed-object.ts';

export const storageRoutes: RouteModule[] = [getPublicObject, getSignedObject];
